namespace Specialized.Models.CommandLine;

/// <summary>
/// One model the command line can train, evaluate and time by name: a declared (generated) network or
/// kernel SVM, its default data and its training recipe — the main job's recipe for the same model.
/// </summary>
internal abstract class CatalogModel(string name, string layers, string dataFile, DataPreparation preparation)
{
    /// <summary>The declared class's name, which the command line takes.</summary>
    public string Name { get; } = name;

    /// <summary>The layers or kernel, in words.</summary>
    public string Layers { get; } = layers;

    /// <summary>The bundled file it trains on when no <c>--data</c> is given.</summary>
    public string DataFile { get; } = dataFile;

    /// <summary>What is done to the features first.</summary>
    public DataPreparation Preparation { get; } = preparation;

    /// <summary>Features per row the model takes.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Classes the model predicts (labels 0…n−1), or null when any labels do (an SVM learns its classes from the data).</summary>
    public abstract int? ClassCount { get; }

    /// <summary>Trainable parameters, in words (a network's count; an SVM's depend on the data).</summary>
    public abstract string Parameters { get; }

    /// <summary>Epochs the recipe trains for; null for a model fitted in one go.</summary>
    public abstract int? DefaultEpochs { get; }

    /// <summary>The optimizer, batch, schedule and epochs, in words.</summary>
    public abstract string Recipe(int? epochs, int? batchSize);

    /// <summary>Trains a new model on <paramref name="train"/>, scoring <paramref name="heldOut"/> after each epoch.</summary>
    public abstract TrainedModel Train(Dataset train, Dataset heldOut, TrainingRequest request, IProgress<EpochReport>? progress);

    /// <summary>A new model with the weights of a safetensors file written by <see cref="TrainedModel.SaveWeights"/> (or PyTorch).</summary>
    public abstract TrainedModel Load(string weightsPath);

    /// <summary>Times training and inference once on <paramref name="train"/> and <paramref name="heldOut"/>.</summary>
    public abstract BenchmarkRow Benchmark(Dataset train, Dataset heldOut);
}

/// <summary>What the user asked of <c>train</c>; null takes the recipe's value.</summary>
/// <param name="Epochs">Passes over the training rows.</param>
/// <param name="Seed">Seed of the initial weights and of the shuffle.</param>
/// <param name="BatchSize">Rows per step.</param>
internal sealed record TrainingRequest(int? Epochs, int? Seed, int? BatchSize);

/// <summary>One line of the <c>benchmark</c> table.</summary>
internal sealed record BenchmarkRow(string Model, string Training, string SingleRow, string Batch);
