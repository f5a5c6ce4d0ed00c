using System.Diagnostics;
using System.Globalization;
using Specialized.Classical;
using Specialized.Models.Report;

namespace Specialized.Models.Sections;

/// <summary>
/// The main job's lines for the discriminative classical algorithms (issue 6): linear
/// discriminants, logistic and softmax regression, boosting, trees, forests and a committee, each
/// trained on the bundled data's fixed split and set next to scikit-learn's figure for the same
/// settings (docs/REFERENCE.md, tests/fixtures/sklearn_reference.json). About 5–10 seconds in all.
/// Each time is given cold (the first call in this process, JIT compilation included: full optimization,
/// since the main job turns tiered compilation off) and warm (the fastest of three more calls);
/// benchmarks/Specialized.ColdStart measures the cold start a default application sees, in fresh processes.
/// </summary>
public static class DiscriminativeAlgorithmsSection
{
    /// <summary>Trains and scores every algorithm; returns one row each.</summary>
    /// <param name="dataDirectory">The folder holding digits.csv and breast_cancer.csv.</param>
    public static IReadOnlyList<ResultRow> Run(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var (train, test) = Dataset.LoadClassification(Path.Combine(dataDirectory, "digits.csv")).SplitByRowIndex(5, 4);
        var (trainStd, testStd) = Standardize(train, test);
        var (cancerTrain, cancerTest) = Dataset.LoadClassification(Path.Combine(dataDirectory, "breast_cancer.csv")).SplitByRowIndex(5, 4);
        var (cancerTrainStd, cancerTestStd) = Standardize(cancerTrain, cancerTest);
        int d = train.FeatureCount;
        var rows = new List<ResultRow>();

        var leastSquares = new LeastSquaresClassifier(ridge: 1);
        rows.Add(Row("Least squares, 1-of-K targets (QR, ridge 1)", "digits test", leastSquares, train.Features, d, train.Labels, test, test.Features, "— (no sklearn classifier)"));

        var fisher = new FisherDiscriminant();
        rows.Add(Row("Fisher discriminant (9 dims, shared-covariance Gaussian)", "digits test", fisher, train.Features, d, train.Labels, test, test.Features, "sklearn LDA 96.38%"));

        var perceptron = new Perceptron(seed: 0);
        rows.Add(Row("Perceptron (OvR, pocket, patience 5)", "digits std test", perceptron, trainStd, d, train.Labels, test, testStd, "sklearn 93.87%"));

        var logistic = new LogisticRegression(c: 1);
        var logisticRow = Row("Logistic regression (IRLS, C = 1)", "breast cancer std test", logistic, cancerTrainStd, cancerTrain.FeatureCount, cancerTrain.Labels, cancerTest, cancerTestStd, "sklearn 100.00%, same coefficients ±1e-3");
        rows.Add(logisticRow with { Algorithm = $"Logistic regression (IRLS, C = 1, {logistic.Iterations} Newton steps)" });

        var softmax = new SoftmaxRegression(c: 1);
        var softmaxRow = Row("Softmax regression (L-BFGS, C = 1)", "digits std test", softmax, trainStd, d, train.Labels, test, testStd, "sklearn 96.38% (std); raw: 95.26%, 720 ms; lbfgs std 42 ms");
        rows.Add(softmaxRow with { Algorithm = $"Softmax regression (L-BFGS, C = 1, {softmax.Iterations} iterations)" });

        rows.Add(Row("AdaBoost SAMME, 200 stumps", "digits test", new AdaBoost(rounds: 200), train.Features, d, train.Labels, test, test.Features, "sklearn 85.52%, fit 718–742 ms"));
        var gentle = new GentleBoost(rounds: 100);
        rows.Add(Row("GentleBoost, 100 stumps per class (OvR)", "digits test", gentle, train.Features, d, train.Labels, test, test.Features, "— (not in sklearn)"));
        rows.Add(Row("Decision tree (CART, gini)", "digits test", new DecisionTree(SplitCriterion.Gini, seed: 0), train.Features, d, train.Labels, test, test.Features, "sklearn 83.84%, fit 16.8–18.5 ms, 0.24 µs/row"));

        var forest = new RandomForest(treeCount: 100, seed: 0, maxThreads: 1);
        var forestRow = Row("Random forest, 100 trees, √64 features", "digits test", forest, train.Features, d, train.Labels, test, test.Features, "sklearn 98.05%, OOB 96.31%, fit 313–392 ms, 43–46 µs/row");
        // The same forest grown on two threads: identical trees (one random stream per tree), faster.
        var forest2 = new RandomForest(treeCount: 100, seed: 0, maxThreads: 2);
        var fit2 = ColdAndWarm.Milliseconds(() => forest2.Fit(train.Features, d, train.Labels));
        bool identical = forest2.NodeCount == forest.NodeCount && forest2.OutOfBagScore == forest.OutOfBagScore;
        rows.Add(forestRow with
        {
            Quality = $"{forestRow.Quality}, OOB {Percent.Of(forest.OutOfBagScore)}" + (identical ? "; 2 threads identical" : "; 2 threads DIFFER"),
            Time = $"{forestRow.Time}; 2 threads: fit {fit2.Warm.ToString("F1", CultureInfo.InvariantCulture)} ms warm",
        });

        var committee = new Committee(forest, fisher, gentle);
        var predicted = new int[test.Count];
        committee.Predict(test.Features.AsSpan(0, d), predicted.AsSpan(0, 1));
        var watch = Stopwatch.StartNew();
        committee.Predict(test.Features, predicted);
        double microseconds = watch.Elapsed.TotalMicroseconds / test.Count;
        rows.Add(new ResultRow(
            "Committee: forest + Fisher + GentleBoost posteriors averaged",
            "digits test",
            Percent.Of(Metrics.Accuracy(predicted, test.Labels)) + " accuracy",
            $"predict {microseconds.ToString("F1", CultureInfo.InvariantCulture)} µs/row",
            "—"));
        return rows;
    }

    private static ResultRow Row(string algorithm, string data, IClassifier model, float[] trainFeatures, int featureCount, int[] trainLabels, Dataset test, float[] testFeatures, string reference)
    {
        var fit = ColdAndWarm.Milliseconds(() => model.Fit(trainFeatures, featureCount, trainLabels));
        var predicted = new int[test.Count];
        var predict = ColdAndWarm.MicrosecondsPerRow(() => model.Predict(testFeatures, predicted), test.Count);
        return new ResultRow(
            algorithm,
            data,
            Percent.Of(Metrics.Accuracy(predicted, test.Labels)) + " accuracy",
            $"fit {fit.Format("ms")}; predict {predict.Format("µs/row")}",
            reference);
    }

    // z-scores with the training mean and population standard deviation (constant columns keep scale 1), as the references did.
    private static (float[] Train, float[] Test) Standardize(Dataset train, Dataset test)
    {
        int d = train.FeatureCount;
        var mean = new double[d];
        var scale = new double[d];
        for (int i = 0; i < train.Features.Length; i++) mean[i % d] += train.Features[i];
        for (int f = 0; f < d; f++) mean[f] /= train.Count;
        for (int i = 0; i < train.Features.Length; i++) scale[i % d] += Math.Pow(train.Features[i] - mean[i % d], 2);
        for (int f = 0; f < d; f++) scale[f] = scale[f] == 0 ? 1 : Math.Sqrt(scale[f] / train.Count);
        float[] Apply(Dataset set) => set.Features.Select((x, i) => (float)((x - mean[i % d]) / scale[i % d])).ToArray();
        return (Apply(train), Apply(test));
    }
}
