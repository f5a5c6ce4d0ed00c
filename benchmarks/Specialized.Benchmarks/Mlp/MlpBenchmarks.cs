using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Specialized.Models;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// The digits MLP (64-128-64-10): batch-1 and batch-64 inference and one Adam training step at batch 32,
/// generated code against the naive scalar version (baseline) and a TensorPrimitives version.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MlpBenchmarks
{
    private readonly DigitsMlp _generated = new();
    private readonly Adam _adam = new(1e-3f);
    private NaiveMlp _naive = null!;
    private TensorPrimitivesMlp _general = null!;
    private float[] _inputs = null!, _outputs = null!;
    private int[] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).Scale(1f / 16);
        _inputs = data.Features.AsSpan(0, 64 * 64).ToArray();
        _labels = data.Labels.AsSpan(0, 64).ToArray();
        _outputs = new float[64 * 10];
        var weights = new MlpWeights(_generated);
        _naive = new NaiveMlp(weights, 64);
        _general = new TensorPrimitivesMlp(weights, 64);
        VerifySameNetwork();
    }

    // The three versions must compute the same function, or the ratios compare different work.
    private void VerifySameNetwork()
    {
        float[] naive = new float[640], general = new float[640], generated = new float[640];
        _naive.Forward(_inputs, naive, 64);
        _general.Forward(_inputs, general, 64);
        _generated.Forward(_inputs, generated);
        for (int i = 0; i < naive.Length; i++)
        {
            if (Math.Abs(naive[i] - generated[i]) > 1e-4f * (1 + Math.Abs(naive[i])) || Math.Abs(general[i] - generated[i]) > 1e-4f * (1 + Math.Abs(naive[i])))
                throw new InvalidOperationException($"Output {i} differs: naive {naive[i]}, TensorPrimitives {general[i]}, generated {generated[i]}.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1Naive() { _naive.Forward(_inputs, _outputs, 1); return _outputs[0]; }

    [Benchmark, BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1TensorPrimitives() { _general.Forward(_inputs, _outputs, 1); return _outputs[0]; }

    [Benchmark, BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1Generated() { _generated.Forward(_inputs.AsSpan(0, 64), _outputs.AsSpan(0, 10)); return _outputs[0]; }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward batch 64")]
    public float ForwardBatch64Naive() { _naive.Forward(_inputs, _outputs, 64); return _outputs[0]; }

    [Benchmark, BenchmarkCategory("Forward batch 64")]
    public float ForwardBatch64TensorPrimitives() { _general.Forward(_inputs, _outputs, 64); return _outputs[0]; }

    [Benchmark, BenchmarkCategory("Forward batch 64")]
    public float ForwardBatch64Generated() { _generated.Forward(_inputs, _outputs); return _outputs[0]; }

    [Benchmark(Baseline = true), BenchmarkCategory("Train step batch 32")]
    public float TrainStepNaive() => _naive.TrainStep(_inputs, _labels, 32);

    [Benchmark, BenchmarkCategory("Train step batch 32")]
    public float TrainStepTensorPrimitives() => _general.TrainStep(_inputs, _labels, 32);

    [Benchmark, BenchmarkCategory("Train step batch 32")]
    public float TrainStepGenerated()
    {
        float loss = _generated.ComputeGradients(_inputs.AsSpan(0, 32 * 64), _labels.AsSpan(0, 32));
        _adam.Step(_generated.Parameters, _generated.Gradients);
        return loss;
    }
}
