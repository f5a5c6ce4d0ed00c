using BenchmarkDotNet.Attributes;
using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// Gaussian KDE (bandwidth 1) log-density of the 359 digits test rows against the 1,438 training rows
/// (scikit-learn's tree: 256 µs per row). The baseline evaluates the definition with scalar double
/// loops and <see cref="Math.Exp(double)"/>.
/// </summary>
[MemoryDiagnoser]
public class KernelDensityBenchmark
{
    private Dataset _test = null!;
    private double[][] _trainRows = [], _testRows = [];
    private readonly KernelDensity _kde = new(bandwidth: 1.0);
    private double[] _scores = [];

    [GlobalSetup]
    public void Setup()
    {
        var (train, test) = GenerativeBenchmarkData.Digits();
        _test = test;
        _trainRows = GenerativeBenchmarkData.Rows(train);
        _testRows = GenerativeBenchmarkData.Rows(test);
        _kde.Fit(train.Features, 64);
        _scores = new double[test.Count];
    }

    [Benchmark(Baseline = true)]
    public double NaiveScalar()
    {
        int n = _trainRows.Length;
        double logNorm = -32 * Math.Log(2 * Math.PI) - Math.Log(n), total = 0;
        var logKernels = new double[n];
        foreach (double[] query in _testRows)
        {
            double max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < 64; j++) sum += (query[j] - _trainRows[i][j]) * (query[j] - _trainRows[i][j]);
                logKernels[i] = -0.5 * sum;
                max = Math.Max(max, logKernels[i]);
            }
            double exponentials = 0;
            for (int i = 0; i < n; i++) exponentials += Math.Exp(logKernels[i] - max);
            total += max + Math.Log(exponentials) + logNorm;
        }
        return total / _testRows.Length;
    }

    [Benchmark]
    public double Specialized()
    {
        _kde.ScoreSamples(_test.Features, _scores);
        return _scores.Average();
    }
}
