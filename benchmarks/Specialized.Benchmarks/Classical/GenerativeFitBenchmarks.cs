using BenchmarkDotNet.Attributes;
using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// Fits on the 1,438 digits training rows, each against the same fit as it was before issue 17
/// (baseline, <see cref="OldClassicalFits"/>). scikit-learn 1.2.1 with OpenBLAS, one thread
/// (REFERENCE.md, second machine): PCA 5.5 ms, LDA 10.2 ms, Gaussian NB 1.3 ms, softmax regression 42 ms.
/// </summary>
[MemoryDiagnoser]
public class GenerativeFitBenchmarks
{
    private float[] _raw = [], _standardized = [];
    private int[] _labels = [];
    private const int D = 64, Classes = 10;

    [GlobalSetup]
    public void Setup()
    {
        var (train, _) = GenerativeBenchmarkData.Digits();
        _raw = train.Features;
        _labels = train.Labels;
        _standardized = Standardize(_raw, D);
    }

    [Benchmark(Baseline = true)]
    public double PcaBefore() => OldClassicalFits.Pca(_raw, D);

    [Benchmark]
    public double Pca()
    {
        var pca = new Pca(whiten: true);
        pca.Fit(_raw, D);
        return pca.ExplainedVariance[0];
    }

    [Benchmark]
    public double LdaBefore() => OldClassicalFits.Lda(_raw, D, _labels, Classes);

    [Benchmark]
    public double Lda()
    {
        var lda = new GaussianClassifier(CovarianceKind.Shared);
        lda.Fit(_raw, D, _labels);
        return lda.Priors[0];
    }

    [Benchmark]
    public double NaiveBayesBefore() => OldClassicalFits.GaussianNaiveBayes(_raw, D, _labels, Classes);

    [Benchmark]
    public double NaiveBayes()
    {
        var nb = new GaussianClassifier(CovarianceKind.Diagonal);
        nb.Fit(_raw, D, _labels);
        return nb.Priors[0];
    }

    [Benchmark]
    public double SoftmaxBefore() => OldClassicalFits.Softmax(_standardized, D, _labels, Classes);

    [Benchmark]
    public double Softmax()
    {
        var model = new SoftmaxRegression(c: 1);
        model.Fit(_standardized, D, _labels);
        return model.Intercepts[0] + model.Iterations;
    }

    /// <summary>Train mean and population standard deviation; constant columns left unscaled (as REFERENCE.md's 'std').</summary>
    internal static float[] Standardize(float[] x, int d)
    {
        int rows = x.Length / d;
        var result = new float[x.Length];
        for (int j = 0; j < d; j++)
        {
            double mean = 0, variance = 0;
            for (int r = 0; r < rows; r++) mean += x[r * d + j];
            mean /= rows;
            for (int r = 0; r < rows; r++) variance += (x[r * d + j] - mean) * (x[r * d + j] - mean);
            double sd = Math.Sqrt(variance / rows);
            if (sd == 0) sd = 1;
            for (int r = 0; r < rows; r++) result[r * d + j] = (float)((x[r * d + j] - mean) / sd);
        }
        return result;
    }
}
