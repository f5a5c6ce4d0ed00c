using System.Diagnostics;
using System.Globalization;
using Specialized.Classical;
using Specialized.Models.Report;

namespace Specialized.Models.Sections;

/// <summary>
/// The main job's quick mode (<c>--quick</c>): a few seconds that touch the generated MLP (its training
/// and inference paths), the generated kernel SVM and one classical algorithm, so a Native AOT binary can
/// be smoke-tested in CI. Each row checks a floor on its accuracy; the figures are not the reference runs.
/// </summary>
public static class QuickSection
{
    /// <summary>Runs the three checks and returns their rows and whether every accuracy reached its floor.</summary>
    /// <param name="dataDirectory">The folder holding digits.csv.</param>
    public static (IReadOnlyList<ResultRow> Rows, bool Passed) Run(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var digits = Dataset.LoadClassification(Path.Combine(dataDirectory, "digits.csv"));
        var (train, test) = digits.Scale(1f / 16).SplitByRowIndex(5, 4);
        var (rawTrain, rawTest) = digits.SplitByRowIndex(5, 4);
        var rows = new List<ResultRow>();
        bool passed = true;

        // The foundation recipe for 2 epochs instead of 20.
        var model = new DigitsMlp();
        var summary = new Trainer<DigitsMlp>(model, new Adam(learningRate: 1e-3f), new TrainerOptions { Epochs = 2, BatchSize = 32, Seed = 1 }).Fit(train);
        double mlpAccuracy = ModelEvaluation.Evaluate(model, test).Accuracy!.Value;
        passed &= mlpAccuracy >= 0.80;
        rows.Add(new ResultRow("DigitsMlp 64-128-64-10, Adam 1e-3, batch 32, 2 epochs", "digits test", Percent(mlpAccuracy),
            $"{summary.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms, {summary.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} samples/s",
            "20 epochs: PyTorch 95.82%"));

        var svm = new DigitsSvm();
        var watch = Stopwatch.StartNew();
        svm.Fit(rawTrain.Features, rawTrain.Labels);
        double fitMs = watch.Elapsed.TotalMilliseconds;
        var predicted = new int[rawTest.Count];
        watch.Restart();
        svm.Predict(rawTest.Features, predicted);
        double predictUs = watch.Elapsed.TotalMicroseconds / rawTest.Count;
        double svmAccuracy = Metrics.Accuracy(predicted, rawTest.Labels);
        passed &= svmAccuracy >= 0.97;
        rows.Add(new ResultRow("DigitsSvm: SVC rbf, C = 10, γ = 0.001, generated kernel", "digits test (raw pixels)",
            $"{Percent(svmAccuracy)}, {svm.SupportVectorCount} SVs",
            $"fit {fitMs.ToString("F1", CultureInfo.InvariantCulture)} ms, predict {predictUs.ToString("F1", CultureInfo.InvariantCulture)} µs/row (first run)",
            "LIBSVM/sklearn 98.89%, 697 SVs"));

        var fisher = new FisherDiscriminant();
        watch.Restart();
        fisher.Fit(rawTrain.Features, rawTrain.FeatureCount, rawTrain.Labels);
        fitMs = watch.Elapsed.TotalMilliseconds;
        fisher.Predict(rawTest.Features, predicted);
        double fisherAccuracy = Metrics.Accuracy(predicted, rawTest.Labels);
        passed &= fisherAccuracy >= 0.90;
        rows.Add(new ResultRow("Fisher discriminant (9 dims, shared-covariance Gaussian)", "digits test", Percent(fisherAccuracy),
            $"fit {fitMs.ToString("F1", CultureInfo.InvariantCulture)} ms", "sklearn LDA 96.38%"));
        return (rows, passed);
    }

    private static string Percent(double accuracy) => (100 * accuracy).ToString("F2", CultureInfo.InvariantCulture) + "% accuracy";
}
