using System.Globalization;

namespace Specialized.Models.CommandLine;

/// <summary>A declared network in the catalogue: trained with <see cref="Trainer{TModel}"/>, weights as PyTorch names them.</summary>
/// <typeparam name="TModel">The generated model.</typeparam>
internal sealed class NeuralCatalogModel<TModel> : CatalogModel where TModel : class, IModel, new()
{
    private readonly Func<IOptimizer> _optimizer;
    private readonly string _optimizerName;
    private readonly int _epochs;
    private readonly int _batchSize;
    private readonly bool _cosine;
    private readonly IBatchAugmentation? _augmentation;

    /// <param name="name">The declared class's name.</param>
    /// <param name="layers">The layers, in words.</param>
    /// <param name="dataFile">The bundled file it trains on by default.</param>
    /// <param name="preparation">What is done to the features first.</param>
    /// <param name="optimizer">Makes the recipe's optimizer, one per training.</param>
    /// <param name="optimizerName">The optimizer and its settings, in words.</param>
    /// <param name="epochs">The recipe's epochs.</param>
    /// <param name="batchSize">The recipe's batch size.</param>
    /// <param name="cosine">Whether the learning rate is cosine-annealed over the epochs.</param>
    /// <param name="augmentation">The recipe's augmentation of training batches, if any.</param>
    public NeuralCatalogModel(string name, string layers, string dataFile, DataPreparation preparation, Func<IOptimizer> optimizer, string optimizerName,
        int epochs, int batchSize, bool cosine, IBatchAugmentation? augmentation = null)
        : base(name, layers, dataFile, preparation)
    {
        _optimizer = optimizer;
        _optimizerName = optimizerName;
        _epochs = epochs;
        _batchSize = batchSize;
        _cosine = cosine;
        _augmentation = augmentation;
    }

    public override int FeatureCount => TModel.InputSize;

    public override int? ClassCount => TModel.OutputSize;

    public override string Parameters => TModel.ParameterCount.ToString("N0", CultureInfo.InvariantCulture);

    public override int? DefaultEpochs => _epochs;

    public override string Recipe(int? epochs, int? batchSize) =>
        $"{_optimizerName}, batch {batchSize ?? _batchSize}, {Plural(epochs ?? _epochs, "epoch")}{(_cosine ? ", cosine schedule" : "")}{(_augmentation is null ? "" : ", ±1 px shifts")}";

    public override TrainedModel Train(Dataset train, Dataset heldOut, TrainingRequest request, IProgress<EpochReport>? progress)
    {
        var model = new TModel();
        // Without --seed the declaration's own initial weights and the main job's shuffle seed: the main job's run.
        if (request.Seed is int seed) model.ResetParameters(seed);
        int epochs = request.Epochs ?? _epochs;
        var options = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = request.BatchSize ?? _batchSize,
            Seed = request.Seed ?? 1,
            Schedule = _cosine ? new CosineAnnealingSchedule(maxEpochs: epochs) : null,
            Augmentation = _augmentation,
        };
        TrainingSummary summary = new Trainer<TModel>(model, _optimizer(), options).Fit(train, heldOut, progress);
        return Wrap(model, summary.Epochs, summary.Elapsed, summary.SamplesPerSecond);
    }

    public override TrainedModel Load(string weightsPath)
    {
        var model = new TModel();
        model.LoadWeights(weightsPath);
        return Wrap(model, [], TimeSpan.Zero, null);
    }

    public override BenchmarkRow Benchmark(Dataset train, Dataset heldOut)
    {
        var model = new TModel();
        var options = new TrainerOptions { Epochs = 1, BatchSize = _batchSize, Seed = 1 };
        // One short epoch compiles the training path (under the JIT) before the timed one.
        new Trainer<TModel>(model, _optimizer(), options).Fit(train.Subset(Enumerable.Range(0, Math.Min(train.Count, 2 * _batchSize)).ToArray()));
        TrainingSummary summary = new Trainer<TModel>(model, _optimizer(), options).Fit(train);

        var output = new float[TModel.OutputSize];
        var outputs = new float[heldOut.Count * TModel.OutputSize];
        float[] features = heldOut.Features;
        int row = 0;
        double single = Timing.MicrosecondsPerCall(() =>
        {
            model.Forward(features.AsSpan(row * TModel.InputSize, TModel.InputSize), output);
            row = (row + 1) % heldOut.Count;
        });
        double batch = Timing.MicrosecondsPerCall(() => model.Forward(features, outputs)) / heldOut.Count;
        return new BenchmarkRow(Name,
            $"{summary.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} samples/s (batch {_batchSize}, {_optimizerName})",
            $"{single.ToString("F2", CultureInfo.InvariantCulture)} µs",
            $"{batch.ToString("F2", CultureInfo.InvariantCulture)} µs/row ({heldOut.Count} rows)");
    }

    private static string Plural(int count, string noun) => $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";

    private static TrainedModel Wrap(TModel model, IReadOnlyList<EpochReport> epochs, TimeSpan elapsed, double? samplesPerSecond) => new(
        data => ModelEvaluation.PredictClasses(model, data.Features),
        data => ModelEvaluation.Evaluate(model, data).Loss,
        model.SaveWeights,
        epochs,
        elapsed,
        samplesPerSecond);
}
