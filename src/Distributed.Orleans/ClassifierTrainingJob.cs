using Specialized.Classical;

namespace Specialized.Distributed.Orleans;

/// <summary>
/// Trains a classical classifier built by a factory from the request's hyper-parameters and seed (a decision tree, a
/// kernel SVM, a forest…) and returns its validation accuracy and probabilities; there are no weights to return.
/// </summary>
public sealed class ClassifierTrainingJob : ITrainingJob
{
    private readonly Lazy<(Dataset Train, Dataset Validation)> _data;
    private readonly Func<TrainingRequest, IClassifier> _create;

    /// <summary>A job that fits what <paramref name="create"/> builds on the sets <paramref name="loadData"/> returns.</summary>
    public ClassifierTrainingJob(Func<(Dataset Train, Dataset Validation)> loadData, Func<TrainingRequest, IClassifier> create)
    {
        ArgumentNullException.ThrowIfNull(loadData);
        ArgumentNullException.ThrowIfNull(create);
        _data = new Lazy<(Dataset, Dataset)>(loadData, LazyThreadSafetyMode.ExecutionAndPublication);
        _create = create;
    }

    /// <inheritdoc/>
    public TrainingResult Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        var (train, validation) = _data.Value;
        IClassifier classifier = _create(request);
        classifier.Fit(train.Features, train.FeatureCount, train.Labels);
        cancellationToken.ThrowIfCancellationRequested();
        var probabilities = new float[validation.Count * classifier.ClassCount];
        classifier.PredictProbabilities(validation.Features, probabilities);
        var predicted = new int[validation.Count];
        Metrics.ArgMaxRows(probabilities, classifier.ClassCount, predicted);
        return new TrainingResult
        {
            Request = request,
            ValidationAccuracy = Metrics.Accuracy(predicted, validation.Labels),
            ValidationProbabilities = probabilities,
        };
    }
}
