using Specialized.Models.Report;

namespace Specialized.Models.Sections;

/// <summary>
/// Residual networks with BatchNorm and dropout on the small tabular sets, beside the classical
/// algorithms' figures on the same split (scikit-learn 1.2.1, tests/fixtures/sklearn_reference.json).
/// </summary>
public static class TabularNetworksSection
{
    /// <summary>Trains one network per set on standardized features and reports its test accuracy.</summary>
    public static IReadOnlyList<ResultRow> Run(string dataDirectory) =>
    [
        Train<BreastCancerResNet>(new BreastCancerResNet(), dataDirectory, "breast_cancer.csv", "breast cancer std test",
            "sklearn logistic 100.00%, QDA 98.23%, kNN 95.58%"),
        Train<WineResNet>(new WineResNet(), dataDirectory, "wine.csv", "wine std test",
            "sklearn LDA 100.00%, logistic 97.14%, kNN 97.14%"),
    ];

    private static ResultRow Train<TModel>(TModel model, string dataDirectory, string file, string data, string reference) where TModel : class, IModel
    {
        var (train, test) = Dataset.LoadClassification(Path.Combine(dataDirectory, file)).SplitByRowIndex(5, 4);
        var normalizer = new ZScoreNormalizer();
        normalizer.Fit(train.Features, train.FeatureCount);
        var trainStd = Standardized(train, normalizer);
        var testStd = Standardized(test, normalizer);
        // AdamW with a cosine schedule; 60 epochs of batch 16 on a few hundred rows take a fraction of a second.
        var summary = new Trainer<TModel>(model, new AdamW(learningRate: 3e-3f, weightDecay: 1e-2f),
            new TrainerOptions { Epochs = 60, BatchSize = 16, Seed = 3, Schedule = new CosineAnnealingSchedule(maxEpochs: 60) }).Fit(trainStd);
        double accuracy = ModelEvaluation.Evaluate(model, testStd).Accuracy!.Value;
        return new ResultRow($"{typeof(TModel).Name}: Dense 32, BatchNorm ReLU, Residual[Dense 32 ReLU, Dense 32] ReLU, Dropout 0.2",
            data, $"{Percent.Of(accuracy)} accuracy", $"{summary.Elapsed.TotalMilliseconds:F0} ms, {summary.SamplesPerSecond:N0} samples/s", reference);
    }

    private static Dataset Standardized(Dataset set, ZScoreNormalizer normalizer)
    {
        var features = new float[set.Features.Length];
        normalizer.Transform(set.Features, features);
        return Dataset.FromLabels(features, set.FeatureCount, set.Labels);
    }
}
