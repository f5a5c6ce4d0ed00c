using System.Diagnostics;
using System.Globalization;
using Specialized.Classical;
using Specialized.Models.Report;

namespace Specialized.Models.Sections;

/// <summary>
/// The main job's section for the first half of the classical course: Bayes decisions, Gaussian and
/// non-parametric densities, k-means, Gaussian mixtures and PCA, each run once on a bundled data set with
/// REFERENCE.md's settings and reported next to scikit-learn's figure (one thread, OpenBLAS). Takes a few
/// seconds. Each time is given cold (the first call in this process, JIT compilation included: full
/// optimization, since the main job turns tiered compilation off) and warm (the fastest of three more calls);
/// benchmarks/Specialized.ColdStart measures the cold start a default application sees, in fresh processes.
/// </summary>
public static class GenerativeAlgorithmsSection
{
    /// <summary>Runs every algorithm and returns one row each.</summary>
    /// <param name="dataDirectory">The folder holding digits.csv, iris.csv and breast_cancer.csv.</param>
    public static IReadOnlyList<ResultRow> Run(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var (train, test) = Dataset.LoadClassification(Path.Combine(dataDirectory, "digits.csv")).SplitByRowIndex(5, 4);
        var (cancerTrain, cancerTest) = Dataset.LoadClassification(Path.Combine(dataDirectory, "breast_cancer.csv")).SplitByRowIndex(5, 4);
        var rows = new List<ResultRow>
        {
            Classifier("Gaussian naive Bayes (diagonal, var_smoothing 1e-9)", new GaussianClassifier(CovarianceKind.Diagonal), train, test, "digits", "sklearn GaussianNB 83.01%, fit 1.3 ms"),
            Classifier("LDA (shared covariance, Bayes rule)", new GaussianClassifier(CovarianceKind.Shared), train, test, "digits", "sklearn LDA 96.38%, fit 10.2 ms"),
            Classifier("QDA (per-class full covariance)", new GaussianClassifier(CovarianceKind.Full), cancerTrain, cancerTest, "breast cancer", "sklearn QDA 98.23%"),
            RejectOption(train, test),
            Classifier("kNN, k = 5, brute force", new KNearestNeighbors(5), train, test, "digits", "sklearn 98.61%, 25–35 µs/row"),
            KernelDensityRow(train, test),
            KnnDensityRow(train, test),
            HistogramRow(Dataset.LoadClassification(Path.Combine(dataDirectory, "iris.csv")).SplitByRowIndex(5, 4)),
            KMeansRow(train),
            MixtureRow(train, test),
            PcaRow(train),
        };
        return rows;
    }

    private static ResultRow Classifier(string name, IClassifier classifier, Dataset train, Dataset test, string data, string reference)
    {
        var fit = ColdAndWarm.Milliseconds(() => classifier.Fit(train.Features, train.FeatureCount, train.Labels));
        var predicted = new int[test.Count];
        var predict = ColdAndWarm.MicrosecondsPerRow(() => classifier.Predict(test.Features, predicted), test.Count);
        return new ResultRow(name, data + " test", Percent.Of(Metrics.Accuracy(predicted, test.Labels)) + " accuracy",
            $"fit {fit.Format("ms")}; predict {predict.Format("µs/row")}", reference);
    }

    private static ResultRow RejectOption(Dataset train, Dataset test)
    {
        var clock = Stopwatch.StartNew();
        var bayes = new BayesClassifier(() => new GaussianDensity(CovarianceKind.Full, regularization: 1.0), rejectThreshold: 0.99);
        bayes.Fit(train.Features, train.FeatureCount, train.Labels);
        RejectReport report = bayes.Evaluate(test.Features, test.Labels);
        return new ResultRow("Bayes rule, Gaussian class densities (reg 1), reject below P = 0.99", "digits test",
            $"{Percent.Of(report.RejectionRate)} rejected, {Percent.Of(report.ErrorOnAccepted)} error on the rest",
            $"fit + predict {Milliseconds(clock.Elapsed.TotalMilliseconds)}", "—");
    }

    private static ResultRow KernelDensityRow(Dataset train, Dataset test)
    {
        var kde = new KernelDensity(bandwidth: 1.0);
        kde.Fit(train.Features, train.FeatureCount);
        var scores = new double[test.Count];
        var score = ColdAndWarm.MicrosecondsPerRow(() => kde.ScoreSamples(test.Features, scores), test.Count);
        return new ResultRow("Kernel density, Gaussian, bandwidth 1", "digits test vs train",
            $"mean log-density {Number(scores.Average(), 2)} (exact)", $"score {score.Format("µs/row")}",
            "sklearn −167.7 (tree rounding residue, sklearn#7492), 256 µs/row");
    }

    private static ResultRow KnnDensityRow(Dataset train, Dataset test)
    {
        var knn = new KnnDensity(neighborCount: 10);
        knn.Fit(train.Features, train.FeatureCount);
        var scores = new double[test.Count];
        var score = ColdAndWarm.MicrosecondsPerRow(() => knn.ScoreSamples(test.Features, scores), test.Count);
        return new ResultRow("k-NN density, k = 10", "digits test vs train",
            $"mean log-density {Number(scores.Average(), 2)}", $"score {score.Format("µs/row")}", "—");
    }

    private static ResultRow HistogramRow((Dataset Train, Dataset Test) iris)
    {
        var clock = Stopwatch.StartNew();
        var histogram = new HistogramDensity(binWidth: 0.5);
        histogram.Fit(iris.Train.Features, iris.Train.FeatureCount);
        var scores = new double[iris.Test.Count];
        histogram.ScoreSamples(iris.Test.Features, scores);
        int empty = scores.Count(double.IsNegativeInfinity);
        return new ResultRow("Histogram density, bin 0.5 cm", "iris test vs train (4-D)",
            $"{histogram.OccupiedBinCount} occupied of {histogram.GridBinCount:N0} bins; {empty}/{scores.Length} test rows in empty bins" +
            (histogram.SparsityWarning is null ? "" : " (sparsity warning)"),
            $"fit + score {Milliseconds(clock.Elapsed.TotalMilliseconds)}", "—");
    }

    private static ResultRow KMeansRow(Dataset train)
    {
        var kmeans = new KMeans(clusterCount: 10, maxIterations: 100, restarts: 1, seed: 0);
        var fit = ColdAndWarm.Milliseconds(() => kmeans.Fit(train.Features, train.FeatureCount));
        // The same fit on two threads (the assignment step in parallel): the identical result, faster.
        var parallel = new KMeans(clusterCount: 10, maxIterations: 100, restarts: 1, seed: 0, maxThreads: 2);
        var fit2 = ColdAndWarm.Milliseconds(() => parallel.Fit(train.Features, train.FeatureCount));
        return new ResultRow("k-means, k = 10, k-means++, 1 seeding", "digits train",
            $"inertia {kmeans.Inertia.ToString("N0", CultureInfo.InvariantCulture)} ({kmeans.Iterations} iterations)" +
            (parallel.Inertia == kmeans.Inertia ? "; 2 threads identical" : "; 2 threads DIFFER"),
            $"fit {fit.Format("ms")}; 2 threads {Number(fit2.Warm, 2)} ms warm", "sklearn inertia 939,933, 13.4–13.7 ms");
    }

    private static ResultRow MixtureRow(Dataset train, Dataset test)
    {
        var gmm = new GaussianMixture(componentCount: 10, CovarianceKind.Full, regularization: 1e-3, maxIterations: 100, seed: 0, maxThreads: 1);
        var fit = ColdAndWarm.Milliseconds(() => gmm.Fit(train.Features, train.FeatureCount));
        return new ResultRow("Gaussian mixture EM, 10 full, reg_covar 1e-3", "digits",
            $"mean log-likelihood {Number(gmm.Score(train.Features), 1)} train, {Number(gmm.Score(test.Features), 1)} test ({gmm.Iterations} iterations)",
            $"fit {fit.Format("ms")}", "sklearn −59.1 train, −77.8 test, 328–369 ms");
    }

    private static ResultRow PcaRow(Dataset train)
    {
        var pca = new Pca(whiten: true);
        var fit = ColdAndWarm.Milliseconds(() => pca.Fit(train.Features, train.FeatureCount));
        return new ResultRow("PCA, whitened, all 64 components", "digits train",
            $"PC1 explains {Number(pca.ExplainedVarianceRatio[0], 4)} of the variance", $"fit {fit.Format("ms")}",
            "sklearn 0.1466, 5.5–5.7 ms");
    }

    private static string Number(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Milliseconds(double value) => Number(value, value < 10 ? 2 : 1) + " ms";
}
