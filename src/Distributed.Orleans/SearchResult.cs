namespace Specialized.Distributed.Orleans;

/// <summary>Every trial of a search, and the best: highest validation accuracy, then lowest validation loss, then first.</summary>
public sealed class SearchResult
{
    /// <summary>Wraps the trials of a search, in request order.</summary>
    public SearchResult(IReadOnlyList<TrainingResult> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (trials.Count == 0) throw new ArgumentException("trials is empty; a search has at least one.", nameof(trials));
        Trials = trials;
        Best = trials.OrderByDescending(t => double.IsNaN(t.ValidationAccuracy) ? double.NegativeInfinity : t.ValidationAccuracy)
            .ThenBy(t => double.IsNaN(t.ValidationLoss) ? double.PositiveInfinity : t.ValidationLoss)
            .First();
    }

    /// <summary>Every trial, in request order.</summary>
    public IReadOnlyList<TrainingResult> Trials { get; }

    /// <summary>The winning trial.</summary>
    public TrainingResult Best { get; }
}
