namespace Specialized.Distributed.Orleans;

/// <summary>
/// Trains a declared network: <c>ResetParameters(seed)</c>, then <see cref="Trainer{TModel}"/> with SGD on the training
/// split, then the validation figures; exactly what a local run with the same seed and hyper-parameters does, so a
/// member trained on any silo has the same weights bit for bit.
/// </summary>
/// <remarks>
/// Hyper-parameters (defaults in brackets): <c>learning_rate</c> [0.05], <c>momentum</c> [0.9], <c>weight_decay</c> [0],
/// <c>epochs</c> [10], <c>batch_size</c> [32]. The data are loaded once per silo, on first use.
/// </remarks>
public sealed class NetworkTrainingJob<TModel> : ITrainingJob where TModel : class, IModel, new()
{
    private readonly Lazy<(Dataset Train, Dataset Validation)> _data;

    /// <summary>A job that trains <typeparamref name="TModel"/> on the sets <paramref name="loadData"/> returns.</summary>
    public NetworkTrainingJob(Func<(Dataset Train, Dataset Validation)> loadData)
    {
        ArgumentNullException.ThrowIfNull(loadData);
        _data = new Lazy<(Dataset, Dataset)>(loadData, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Trains one network as a local run would; <see cref="Train"/> is this plus the weights file's bytes.</summary>
    public static TrainingSummary Fit(TModel model, TrainingRequest request, Dataset train, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        model.ResetParameters(request.Seed);
        var optimizer = new Sgd((float)request.Get("learning_rate", 0.05), (float)request.Get("momentum", 0.9), weightDecay: (float)request.Get("weight_decay", 0));
        var options = new TrainerOptions { Epochs = (int)request.Get("epochs", 10), BatchSize = (int)request.Get("batch_size", 32), Seed = request.Seed };
        return new Trainer<TModel>(model, optimizer, options).Fit(train, cancellationToken: cancellationToken);
    }

    /// <inheritdoc/>
    public TrainingResult Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        var (train, validation) = _data.Value;
        var model = new TModel();
        Fit(model, request, train, cancellationToken);
        var (loss, accuracy) = ModelEvaluation.Evaluate(model, validation);
        return new TrainingResult
        {
            Request = request,
            Weights = NetworkWeights.ToBytes(model),
            ValidationLoss = loss,
            ValidationAccuracy = accuracy ?? double.NaN,
            ValidationProbabilities = NetworkWeights.Probabilities(model, validation),
        };
    }
}
