using BenchmarkDotNet.Attributes;
using Specialized.LinearAlgebra;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// The symmetric eigen-solver: Householder + implicit QL against the cyclic Jacobi solver it replaced
/// (baseline), on a random symmetric matrix (64: a digits-sized covariance; 256: wide data).
/// </summary>
[MemoryDiagnoser]
public class SymmetricEigenBenchmark
{
    private double[] _matrix = [];
    private double[] _values = [];
    private double[] _vectors = [];

    [Params(64, 256)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _matrix = new double[N * N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j <= i; j++) _matrix[i * N + j] = _matrix[j * N + i] = random.NextDouble() * 2 - 1;
        _values = new double[N];
        _vectors = new double[N * N];
    }

    [Benchmark(Baseline = true)]
    public double Jacobi()
    {
        JacobiEigen.Decompose(_matrix, N, _values, _vectors);
        return _values[0] + _vectors[0];
    }

    [Benchmark]
    public double HouseholderQl()
    {
        SymmetricEigen.Decompose(_matrix, N, _values, _vectors);
        return _values[0] + _vectors[0];
    }
}

/// <summary>
/// C = A·B in double: the textbook i-j-p loop (baseline), the product before issue 17 (4 × 8 block of
/// 256-bit registers, scalar dots on every other shape), and the lane-generic 4 × 3-register blocks.
/// Shapes: PCA's covariance on digits (64 × 1438 · 1438 × 64), a square 256, and the softmax scores
/// (1438 × 65 · 65 × 10).
/// </summary>
[MemoryDiagnoser]
public class MatrixMultiplyBenchmark
{
    private double[] _a = [], _b = [], _c = [];
    private int _m, _inner, _n;

    [Params("64x1438x64", "256x256x256", "1438x65x10")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        int[] parts = Shape.Split('x').Select(int.Parse).ToArray();
        (_m, _inner, _n) = (parts[0], parts[1], parts[2]);
        var random = new Random(2);
        _a = Enumerable.Range(0, _m * _inner).Select(_ => random.NextDouble()).ToArray();
        _b = Enumerable.Range(0, _inner * _n).Select(_ => random.NextDouble()).ToArray();
        _c = new double[_m * _n];
    }

    [Benchmark(Baseline = true)]
    public double Naive()
    {
        for (int i = 0; i < _m; i++)
            for (int j = 0; j < _n; j++)
            {
                double sum = 0;
                for (int p = 0; p < _inner; p++) sum += _a[i * _inner + p] * _b[p * _n + j];
                _c[i * _n + j] = sum;
            }
        return _c[^1];
    }

    [Benchmark]
    public double Before()
    {
        OldMatrixMultiply.Multiply(_a, _m, _inner, _b, _n, _c);
        return _c[^1];
    }

    [Benchmark]
    public double Blocked()
    {
        MatrixMultiply.Multiply(_a, _m, _inner, _b, _n, _c);
        return _c[^1];
    }
}
