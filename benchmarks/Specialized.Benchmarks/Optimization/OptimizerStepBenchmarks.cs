using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Specialized.Benchmarks.Optimization;

/// <summary>
/// One optimizer step over a 100,000-parameter buffer: each optimizer against a naive scalar loop of the
/// same torch update (plain <c>for</c> over arrays, <c>MathF.Sqrt</c>), grouped by optimizer so every
/// ratio is against its own baseline in the same run.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OptimizerStepBenchmarks
{
    private const int Count = 100_000;
    private const float Lr = 1e-3f, Momentum = 0.9f, Alpha = 0.99f, Beta1 = 0.9f, Beta2 = 0.999f, Rho = 0.9f;

    private readonly float[] _parameters = new float[Count];
    private readonly float[] _gradients = new float[Count];
    private readonly float[] _state0 = new float[Count];
    private readonly float[] _state1 = new float[Count];
    private readonly Sgd _sgd = new(Lr, momentum: Momentum);
    private readonly RmsProp _rmsProp = new(Lr);
    private readonly AdaGrad _adaGrad = new(Lr);
    private readonly AdaDelta _adaDelta = new();
    private readonly Adam _adam = new(Lr);
    private readonly AdamW _adamW = new(Lr);
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < Count; i++)
        {
            _parameters[i] = (float)(random.NextDouble() * 2 - 1);
            _gradients[i] = (float)(random.NextDouble() * 2 - 1);
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Sgd")]
    public float SgdNaive()
    {
        float[] p = _parameters, g = _gradients, buffer = _state0;
        for (int i = 0; i < p.Length; i++)
        {
            buffer[i] = Momentum * buffer[i] + g[i];
            p[i] -= Lr * buffer[i];
        }
        return p[^1];
    }

    [Benchmark, BenchmarkCategory("Sgd")]
    public float SgdStep()
    {
        _sgd.Step(_parameters, _gradients);
        return _parameters[^1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("RmsProp")]
    public float RmsPropNaive()
    {
        float[] p = _parameters, g = _gradients, square = _state0;
        for (int i = 0; i < p.Length; i++)
        {
            square[i] = Alpha * square[i] + (1 - Alpha) * g[i] * g[i];
            p[i] -= Lr * g[i] / (MathF.Sqrt(square[i]) + 1e-8f);
        }
        return p[^1];
    }

    [Benchmark, BenchmarkCategory("RmsProp")]
    public float RmsPropStep()
    {
        _rmsProp.Step(_parameters, _gradients);
        return _parameters[^1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("AdaGrad")]
    public float AdaGradNaive()
    {
        float[] p = _parameters, g = _gradients, sum = _state0;
        for (int i = 0; i < p.Length; i++)
        {
            sum[i] += g[i] * g[i];
            p[i] -= Lr * g[i] / (MathF.Sqrt(sum[i]) + 1e-10f);
        }
        return p[^1];
    }

    [Benchmark, BenchmarkCategory("AdaGrad")]
    public float AdaGradStep()
    {
        _adaGrad.Step(_parameters, _gradients);
        return _parameters[^1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("AdaDelta")]
    public float AdaDeltaNaive()
    {
        float[] p = _parameters, g = _gradients, square = _state0, delta = _state1;
        for (int i = 0; i < p.Length; i++)
        {
            square[i] = Rho * square[i] + (1 - Rho) * g[i] * g[i];
            float d = MathF.Sqrt(delta[i] + 1e-6f) / MathF.Sqrt(square[i] + 1e-6f) * g[i];
            delta[i] = Rho * delta[i] + (1 - Rho) * d * d;
            p[i] -= d;
        }
        return p[^1];
    }

    [Benchmark, BenchmarkCategory("AdaDelta")]
    public float AdaDeltaStep()
    {
        _adaDelta.Step(_parameters, _gradients);
        return _parameters[^1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Adam")]
    public float AdamNaive()
    {
        float[] p = _parameters, g = _gradients, m = _state0, v = _state1;
        int t = ++_step;
        float stepSize = Lr / (1 - MathF.Pow(Beta1, t));
        float correction = MathF.Sqrt(1 - MathF.Pow(Beta2, t));
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
            v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) / correction + 1e-8f);
        }
        return p[^1];
    }

    [Benchmark, BenchmarkCategory("Adam")]
    public float AdamStep()
    {
        _adam.Step(_parameters, _gradients);
        return _parameters[^1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("AdamW")]
    public float AdamWNaive()
    {
        float[] p = _parameters, g = _gradients, m = _state0, v = _state1;
        int t = ++_step;
        float stepSize = Lr / (1 - MathF.Pow(Beta1, t));
        float correction = MathF.Sqrt(1 - MathF.Pow(Beta2, t));
        float shrink = 1 - Lr * 1e-2f;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] *= shrink;
            m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
            v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
            p[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) / correction + 1e-8f);
        }
        return p[^1];
    }

    [Benchmark, BenchmarkCategory("AdamW")]
    public float AdamWStep()
    {
        _adamW.Step(_parameters, _gradients);
        return _parameters[^1];
    }
}
