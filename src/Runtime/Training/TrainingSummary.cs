namespace Specialized;

/// <summary>The outcome of <see cref="Trainer{TModel}.Fit"/>.</summary>
/// <param name="Epochs">Reports of every epoch run, in order.</param>
/// <param name="BestEpoch">The epoch whose weights the model holds at the end (the last one unless early stopping restored an earlier one).</param>
/// <param name="StoppedEarly">Whether early stopping ended training before the last epoch.</param>
/// <param name="Elapsed">Wall time of the whole fit.</param>
/// <param name="SamplesPerSecond">Training samples processed per second (forward, backward and step).</param>
public sealed record TrainingSummary(IReadOnlyList<EpochReport> Epochs, int BestEpoch, bool StoppedEarly, TimeSpan Elapsed, double SamplesPerSecond);
