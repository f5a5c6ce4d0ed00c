namespace Specialized.Models.CommandLine;

/// <summary>
/// A model of the catalogue after training or loading, whatever its kind: how to predict classes, score a
/// loss (null where the model has none, as an SVM) and save its weights, and what its training reported.
/// </summary>
/// <param name="Predict">The predicted class of every row of a prepared data set.</param>
/// <param name="Loss">The mean loss on a prepared data set, or null when the model has no loss.</param>
/// <param name="SaveWeights">Writes the model's safetensors file to the given path.</param>
/// <param name="Epochs">The trainer's report of every epoch; empty for a loaded model or an SVM.</param>
/// <param name="Elapsed">How long training took; zero for a loaded model.</param>
/// <param name="SamplesPerSecond">Training throughput, when the model trains by epochs.</param>
internal sealed record TrainedModel(
    Func<Dataset, int[]> Predict,
    Func<Dataset, double?> Loss,
    Action<string> SaveWeights,
    IReadOnlyList<EpochReport> Epochs,
    TimeSpan Elapsed,
    double? SamplesPerSecond);
