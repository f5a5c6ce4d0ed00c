using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Specialized.Generated;
using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Benchmarks.Recurrent;

/// <summary>
/// Recurrent layers against the naive scalar version with the same weights (baseline of each group): the
/// full-sequence forward of LSTM 8→32 over 32 steps at batch 1, a BPTT training step of the same LSTM and its
/// Dense head at batch 16 (forward, backward, SGD), and streaming steps of LSTM-16 and GRU-16 on one input
/// and of LSTM 8→32. "ForwardWithOldTransposes" adds to the forward the two weight transposes every call made
/// before the weights were stored transposed: the cost that change removed, measured in the same run.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RecurrentBenchmarks
{
    private const int Batch = 16;
    private readonly BenchLstm32 _lstm32 = new();
    private readonly BenchLstm16 _lstm16 = new();
    private readonly BenchGru16 _gru16 = new();
    private readonly Sgd _sgd = new(learningRate: 0.01f);
    private NaiveRecurrent _naiveLstm32 = null!, _naiveLstm16 = null!, _naiveGru16 = null!;
    private float[] _sequences = null!, _targets = null!, _output = new float[1], _transposed = null!;
    private float[] _samples = null!;
    // Layer-level streaming state (h, and c for an LSTM) and output, for the rows that call the layer's Step without the model around it.
    private readonly float[] _layerState = new float[64], _layerOutput = new float[32];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _sequences = Enumerable.Range(0, Batch * BenchLstm32.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        _targets = Enumerable.Range(0, Batch).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        // A second of 48 kHz audio-like input, looped: every step reads a new sample.
        _samples = Enumerable.Range(0, 4096).Select(i => MathF.Sin(i * 0.05f) * 0.5f).ToArray();
        _naiveLstm32 = new NaiveRecurrent(BenchLstm32.ParameterTensors, _lstm32.Parameters, lstm: true, 8, 32, 32, Batch);
        _naiveLstm16 = new NaiveRecurrent(BenchLstm16.ParameterTensors, _lstm16.Parameters, lstm: true, 1, 16, 32, 1);
        _naiveGru16 = new NaiveRecurrent(BenchGru16.ParameterTensors, _gru16.Parameters, lstm: false, 1, 16, 32, 1);
        _transposed = new float[128 * 32 + 16];
        VerifySameNetworks();
    }

    // Every version must compute the same function, or the ratios compare different work.
    private void VerifySameNetworks()
    {
        Check(_naiveLstm32.Forward(_sequences), Generated(_lstm32, _sequences.AsSpan(0, BenchLstm32.InputSize)), "LSTM 8→32 forward");
        _naiveLstm16.ResetState();
        _naiveGru16.ResetState();
        _lstm16.ResetState();
        _gru16.ResetState();
        _lstm32.ResetState();
        _naiveLstm32.ResetState();
        var y = new float[1];
        for (int t = 0; t < 100; t++)
        {
            _lstm16.Step(_samples.AsSpan(t, 1), y);
            Check(_naiveLstm16.Step(_samples, t), y[0], $"LSTM-16 step {t}");
            _gru16.Step(_samples.AsSpan(t, 1), y);
            Check(_naiveGru16.Step(_samples, t), y[0], $"GRU-16 step {t}");
            _lstm32.Step(_sequences.AsSpan(t * 8, 8), y);
            Check(_naiveLstm32.Step(_sequences, t * 8), y[0], $"LSTM 8→32 step {t}");
        }
    }

    private static float Generated(BenchLstm32 model, ReadOnlySpan<float> x)
    {
        var y = new float[1];
        model.Forward(x, y);
        return y[0];
    }

    private static void Check(float naive, float generated, string what)
    {
        if (Math.Abs(naive - generated) > 1e-4f * (1 + Math.Abs(naive)))
            throw new InvalidOperationException($"{what} differs: naive {naive}, generated {generated}.");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("LSTM 8→32, 32 steps, batch 1")]
    public float SequenceNaive() => _naiveLstm32.Forward(_sequences);

    [Benchmark, BenchmarkCategory("LSTM 8→32, 32 steps, batch 1")]
    public float SequenceGenerated()
    {
        _lstm32.Forward(_sequences.AsSpan(0, BenchLstm32.InputSize), _output);
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("LSTM 8→32, 32 steps, batch 1")]
    public float SequenceGeneratedWithOldTransposes()
    {
        // What Recurrence.Forward did on every call before the weights were stored transposed.
        MatrixKernels.Transpose(_lstm32.Parameters.Slice(0, 8 * 128), 8, 128, _transposed.AsSpan(0, 8 * 128));
        MatrixKernels.Transpose(_lstm32.Parameters.Slice(8 * 128, 32 * 128), 32, 128, _transposed.AsSpan(0, 32 * 128));
        _lstm32.Forward(_sequences.AsSpan(0, BenchLstm32.InputSize), _output);
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("LSTM 8→32, 32 steps, batch 1")]
    public float SequenceGeneratedSteps()
    {
        _lstm32.ResetState();
        for (int t = 0; t < 32; t++) _lstm32.Step(_sequences.AsSpan(t * 8, 8), _output);
        return _output[0];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("LSTM 8→32 + Dense, BPTT + SGD, batch 16")]
    public float TrainNaive() => _naiveLstm32.TrainStep(_sequences, _targets, Batch, 0.01f);

    [Benchmark, BenchmarkCategory("LSTM 8→32 + Dense, BPTT + SGD, batch 16")]
    public float TrainGenerated()
    {
        float loss = _lstm32.ComputeGradients(_sequences, _targets);
        _sgd.Step(_lstm32.Parameters, _lstm32.Gradients);
        return loss;
    }

    private int NextSample() => _next = (_next + 1) & 4095;

    [Benchmark(Baseline = true), BenchmarkCategory("LSTM-16 step")]
    public float Lstm16StepNaive() => _naiveLstm16.Step(_samples, NextSample());

    [Benchmark, BenchmarkCategory("LSTM-16 step")]
    public float Lstm16StepGenerated()
    {
        _lstm16.Step(_samples.AsSpan(NextSample(), 1), _output);
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("LSTM-16 step")]
    public float Lstm16LayerStep()
    {
        // The recurrent layer alone on the widest register: the model's Step less its checks, dispatch and Dense head.
        LstmNode.Step<Specialized_Benchmarks_Recurrent__BenchLstm16Graph.Layer0, Float512>(_samples.AsSpan(NextSample(), 1), _lstm16.Parameters, _layerState.AsSpan(0, 32), _layerOutput.AsSpan(0, 16));
        return _layerOutput[0];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("GRU-16 step")]
    public float Gru16StepNaive() => _naiveGru16.Step(_samples, NextSample());

    [Benchmark, BenchmarkCategory("GRU-16 step")]
    public float Gru16StepGenerated()
    {
        _gru16.Step(_samples.AsSpan(NextSample(), 1), _output);
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("GRU-16 step")]
    public float Gru16LayerStep()
    {
        GruNode.Step<Specialized_Benchmarks_Recurrent__BenchGru16Graph.Layer0, Float512>(_samples.AsSpan(NextSample(), 1), _gru16.Parameters, _layerState.AsSpan(0, 16), _layerOutput.AsSpan(0, 16));
        return _layerOutput[0];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("LSTM 8→32 step")]
    public float Lstm32StepNaive() => _naiveLstm32.Step(_sequences, (NextSample() & 511) * 8);

    [Benchmark, BenchmarkCategory("LSTM 8→32 step")]
    public float Lstm32StepGenerated()
    {
        _lstm32.Step(_sequences.AsSpan((NextSample() & 511) * 8, 8), _output);
        return _output[0];
    }

    [Benchmark, BenchmarkCategory("LSTM 8→32 step")]
    public float Lstm32LayerStep()
    {
        LstmNode.Step<Specialized_Benchmarks_Recurrent__BenchLstm32Graph.Layer0, Float512>(_sequences.AsSpan((NextSample() & 511) * 8, 8), _lstm32.Parameters, _layerState.AsSpan(0, 64), _layerOutput.AsSpan(0, 32));
        return _layerOutput[0];
    }
}
