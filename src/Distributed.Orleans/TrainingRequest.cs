namespace Specialized.Distributed.Orleans;

/// <summary>One model to train: which registered job, its hyper-parameters and its seed (which decides initial weights and shuffles).</summary>
[GenerateSerializer, Immutable]
public sealed record TrainingRequest
{
    /// <summary>The name the job was registered under on every silo (<see cref="TrainingCatalog"/>).</summary>
    [Id(0)] public required string Job { get; init; }

    /// <summary>Seed of the initial weights and of the minibatch order.</summary>
    [Id(1)] public int Seed { get; init; }

    /// <summary>Hyper-parameters by name (e.g. <c>learning_rate</c>, <c>epochs</c>); the job's defaults fill the rest.</summary>
    [Id(2)] public IReadOnlyDictionary<string, double> HyperParameters { get; init; } = new Dictionary<string, double>();

    /// <summary>The hyper-parameter <paramref name="name"/>, or <paramref name="fallback"/> when not given.</summary>
    public double Get(string name, double fallback) => HyperParameters.TryGetValue(name, out double value) ? value : fallback;
}
