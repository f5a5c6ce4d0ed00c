namespace Specialized.Distributed.Orleans;

/// <summary>
/// The jobs a silo can run, by name. Every silo registers the same jobs (with the data each reads from its own disk),
/// so any silo can train any member: that is what lets a failed member be retried elsewhere.
/// </summary>
public sealed class TrainingCatalog
{
    private readonly Dictionary<string, ITrainingJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="job"/> under <paramref name="name"/>.</summary>
    public TrainingCatalog Add(string name, ITrainingJob job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(job);
        if (!_jobs.TryAdd(name, job)) throw new ArgumentException($"A job named '{name}' is already registered.", nameof(name));
        return this;
    }

    /// <summary>The job named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such job is registered on this silo.</exception>
    public ITrainingJob Get(string name) =>
        _jobs.TryGetValue(name, out ITrainingJob? job)
            ? job
            : throw new ArgumentException($"No training job named '{name}' is registered on this silo; registered: {string.Join(", ", _jobs.Keys.Order(StringComparer.Ordinal))}.", nameof(name));
}
