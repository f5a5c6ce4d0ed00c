using BenchmarkDotNet.Attributes;
using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// IRLS for L2 logistic regression (C = 1) on standardized breast cancer (456 × 30) to a 1e-8
/// gradient. Baseline: the textbook formula w ← w − (ΦᵀRΦ + I)⁻¹ g with a dense N × N R and an
/// explicit Gauss–Jordan inverse.
/// </summary>
[MemoryDiagnoser]
public class LogisticRegressionBenchmarks
{
    private float[] _x = null!;
    private int[] _y = null!;
    private const int D = 30;

    [GlobalSetup]
    public void Setup()
    {
        var (train, _) = ClassicalData.Load("breast_cancer");
        _y = train.Labels;
        _x = new float[train.Features.Length];
        for (int f = 0; f < D; f++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < train.Count; i++) mean += train.Features[i * D + f];
            mean /= train.Count;
            for (int i = 0; i < train.Count; i++) variance += Math.Pow(train.Features[i * D + f] - mean, 2);
            double std = Math.Sqrt(variance / train.Count);
            for (int i = 0; i < train.Count; i++) _x[i * D + f] = (float)((train.Features[i * D + f] - mean) / std);
        }
    }

    [Benchmark(Baseline = true)]
    public double NaiveDenseIrls()
    {
        int n = _y.Length, w = D + 1;
        var phi = new double[n, w];
        for (int i = 0; i < n; i++) { phi[i, 0] = 1; for (int f = 0; f < D; f++) phi[i, f + 1] = _x[i * D + f]; }
        var theta = new double[w];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            var p = new double[n];
            for (int i = 0; i < n; i++) { double a = 0; for (int j = 0; j < w; j++) a += phi[i, j] * theta[j]; p[i] = 1 / (1 + Math.Exp(-a)); }
            var r = new double[n, n];
            for (int i = 0; i < n; i++) r[i, i] = p[i] * (1 - p[i]);
            var g = new double[w];
            for (int j = 0; j < w; j++) { for (int i = 0; i < n; i++) g[j] += (p[i] - _y[i]) * phi[i, j]; if (j > 0) g[j] += theta[j]; }
            if (g.Max(Math.Abs) < 1e-8) break;
            var rPhi = new double[n, w];
            for (int i = 0; i < n; i++) for (int j = 0; j < w; j++) for (int k = 0; k < n; k++) rPhi[i, j] += r[i, k] * phi[k, j];
            var h = new double[w, 2 * w];
            for (int a = 0; a < w; a++)
            {
                for (int b = 0; b < w; b++) for (int i = 0; i < n; i++) h[a, b] += phi[i, a] * rPhi[i, b];
                if (a > 0) h[a, a] += 1;
                h[a, w + a] = 1;
            }
            for (int c = 0; c < w; c++)
            {
                double pivot = h[c, c];
                for (int k = 0; k < 2 * w; k++) h[c, k] /= pivot;
                for (int row = 0; row < w; row++)
                {
                    if (row == c) continue;
                    double factor = h[row, c];
                    for (int k = 0; k < 2 * w; k++) h[row, k] -= factor * h[c, k];
                }
            }
            for (int a = 0; a < w; a++) { double step = 0; for (int b = 0; b < w; b++) step += h[a, w + b] * g[b]; theta[a] -= step; }
        }
        return theta[0];
    }

    [Benchmark]
    public double CholeskyIrls()
    {
        var model = new LogisticRegression(c: 1, tolerance: 1e-8);
        model.Fit(_x, D, _y);
        return model.Intercept;
    }
}
