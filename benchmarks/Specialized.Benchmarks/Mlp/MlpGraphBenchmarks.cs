using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Specialized.Models;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// No regression from the layer graph: the digits MLP as generated today (one call per layer into
/// shape-generic runtime kernels) against the frozen pre-graph generated code (four unrolled widths
/// per layer, the baseline), with the same weights, measured in the same run.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MlpGraphBenchmarks
{
    private readonly DigitsMlp _graph = new();
    private readonly FrozenDigitsMlp _frozen = new();
    private readonly FrozenDigitsMlp _frozenOnCacheLine = FrozenOnCacheLine.Create();
    private readonly Adam _graphAdam = new(1e-3f), _frozenAdam = new(1e-3f);
    private float[] _inputs = null!, _outputs = null!;
    private int[] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).Scale(1f / 16);
        _inputs = data.Features.AsSpan(0, 64 * 64).ToArray();
        _labels = data.Labels.AsSpan(0, 64).ToArray();
        _outputs = new float[64 * 10];
        // Same packed layout (Wᵀ then bias per layer): the frozen model gets the graph model's weights.
        _graph.Parameters.CopyTo(_frozen.Parameters);
        _graph.Parameters.CopyTo(_frozenOnCacheLine.Parameters);
        // Where the plain frozen array landed decides its batch-1 time (see FrozenOnCacheLine); the log says which case ran.
        Console.WriteLine($"// Frozen parameters start {FrozenOnCacheLine.AddressModulo64(FrozenOnCacheLine.ParameterArray(_frozen))} bytes into a cache line (0 = aligned).");
        float[] a = new float[640], b = new float[640];
        _graph.Forward(_inputs, a);
        _frozen.Forward(_inputs, b);
        for (int i = 0; i < a.Length; i++)
        {
            if (Math.Abs(a[i] - b[i]) > 1e-4f * (1 + Math.Abs(a[i])))
                throw new InvalidOperationException($"Output {i} differs: graph {a[i]}, frozen {b[i]}.");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1Frozen() { _frozen.Forward(_inputs.AsSpan(0, 64), _outputs.AsSpan(0, 10)); return _outputs[0]; }

    /// <summary>The frozen kernels with their weights pinned on a cache line, as the generated model's always are.</summary>
    [Benchmark, BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1FrozenOnCacheLine() { _frozenOnCacheLine.Forward(_inputs.AsSpan(0, 64), _outputs.AsSpan(0, 10)); return _outputs[0]; }

    [Benchmark, BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1Graph() { _graph.Forward(_inputs.AsSpan(0, 64), _outputs.AsSpan(0, 10)); return _outputs[0]; }

    /// <summary>
    /// The bandwidth floor of a batch-1 forward: only reads every weight and bias once (the 69 KB a forward
    /// streams, more than Zen 5's 48 KB L1D, so from L2 on each call), summed with the widest vectors.
    /// </summary>
    [Benchmark, BenchmarkCategory("Forward batch 1")]
    public float ForwardBatch1WeightStreamFloor() => WeightStream.Sum(_graph.Parameters);

    [Benchmark(Baseline = true), BenchmarkCategory("Forward batch 64")]
    public float ForwardBatch64Frozen() { _frozen.Forward(_inputs, _outputs); return _outputs[0]; }

    [Benchmark, BenchmarkCategory("Forward batch 64")]
    public float ForwardBatch64Graph() { _graph.Forward(_inputs, _outputs); return _outputs[0]; }

    [Benchmark(Baseline = true), BenchmarkCategory("Train step batch 32")]
    public float TrainStepFrozen()
    {
        float loss = _frozen.ComputeGradients(_inputs.AsSpan(0, 32 * 64), _labels.AsSpan(0, 32));
        _frozenAdam.Step(_frozen.Parameters, _frozen.Gradients);
        return loss;
    }

    [Benchmark, BenchmarkCategory("Train step batch 32")]
    public float TrainStepGraph()
    {
        float loss = _graph.ComputeGradients(_inputs.AsSpan(0, 32 * 64), _labels.AsSpan(0, 32));
        _graphAdam.Step(_graph.Parameters, _graph.Gradients);
        return loss;
    }
}
