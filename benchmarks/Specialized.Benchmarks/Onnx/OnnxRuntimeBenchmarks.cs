using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Specialized.Models;
using Specialized.Onnx;

namespace Specialized.Benchmarks.Onnx;

/// <summary>
/// Generated code against ONNX Runtime (the baseline of each category) running the same model, exported by
/// <see cref="OnnxExporter"/> with the same weights, on the same inputs: the digits MLP at batch 1 and 64, the
/// digits CNN at batch 1, and the sine LSTM (8 features → 32 hidden, 32 steps) at batch 1. Setup checks that both
/// compute the same outputs, so the ratios compare the same work.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OnnxRuntimeBenchmarks
{
    private const string MlpBatch1 = "MLP forward batch 1", MlpBatch64 = "MLP forward batch 64", CnnBatch1 = "CNN forward batch 1", LstmBatch1 = "LSTM forward batch 1";

    private readonly DigitsMlp _mlp = new();
    private readonly DigitsCnn _cnn = new();
    private readonly SineLstm _lstm = new();
    private float[] _digits = null!, _sequence = null!;
    private readonly float[] _mlpOut1 = new float[10], _mlpOut64 = new float[64 * 10], _cnnOut = new float[10], _lstmOut = new float[1];
    private readonly float[] _peerMlpOut1 = new float[10], _peerMlpOut64 = new float[64 * 10], _peerCnnOut = new float[10], _peerLstmOut = new float[1];
    private OnnxRuntimePeer _peerMlp1 = null!, _peerMlp64 = null!, _peerCnn = null!, _peerLstm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).Scale(1f / 16);
        _digits = data.Features.AsSpan(0, 64 * 64).ToArray();
        _sequence = [.. Enumerable.Range(0, 32 * 8).Select(i => MathF.Sin(0.1f * i))];
        byte[] mlp = OnnxExporter.ToBytes(_mlp), cnn = OnnxExporter.ToBytes(_cnn), lstm = OnnxExporter.ToBytes(_lstm);
        _peerMlp1 = new OnnxRuntimePeer(mlp, _digits[..64], [1, 64], _peerMlpOut1, [1, 10]);
        _peerMlp64 = new OnnxRuntimePeer(mlp, _digits, [64, 64], _peerMlpOut64, [64, 10]);
        _peerCnn = new OnnxRuntimePeer(cnn, _digits[..64], [1, 1, 8, 8], _peerCnnOut, [1, 10]);
        _peerLstm = new OnnxRuntimePeer(lstm, _sequence, [1, 32, 8], _peerLstmOut, [1, 1]);
        Check("MLP batch 1", MlpForward1, _mlpOut1, _peerMlp1, _peerMlpOut1);
        Check("MLP batch 64", MlpForward64, _mlpOut64, _peerMlp64, _peerMlpOut64);
        Check("CNN batch 1", CnnForward1, _cnnOut, _peerCnn, _peerCnnOut);
        Check("LSTM batch 1", LstmForward1, _lstmOut, _peerLstm, _peerLstmOut);
    }

    private static void Check(string what, Func<float> generated, float[] ours, OnnxRuntimePeer peer, float[] theirs)
    {
        generated();
        peer.Run();
        for (int i = 0; i < ours.Length; i++)
        {
            if (Math.Abs(ours[i] - theirs[i]) > 1e-5f * Math.Max(1f, Math.Abs(ours[i])))
                throw new InvalidOperationException($"{what}: output {i} differs, generated {ours[i]}, ONNX Runtime {theirs[i]}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peerMlp1.Dispose();
        _peerMlp64.Dispose();
        _peerCnn.Dispose();
        _peerLstm.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(MlpBatch1)]
    public float MlpForward1OnnxRuntime() { _peerMlp1.Run(); return _peerMlpOut1[0]; }

    [Benchmark, BenchmarkCategory(MlpBatch1)]
    public float MlpForward1() { _mlp.Forward(_digits.AsSpan(0, 64), _mlpOut1); return _mlpOut1[0]; }

    [Benchmark(Baseline = true), BenchmarkCategory(MlpBatch64)]
    public float MlpForward64OnnxRuntime() { _peerMlp64.Run(); return _peerMlpOut64[0]; }

    [Benchmark, BenchmarkCategory(MlpBatch64)]
    public float MlpForward64() { _mlp.Forward(_digits, _mlpOut64); return _mlpOut64[0]; }

    [Benchmark(Baseline = true), BenchmarkCategory(CnnBatch1)]
    public float CnnForward1OnnxRuntime() { _peerCnn.Run(); return _peerCnnOut[0]; }

    [Benchmark, BenchmarkCategory(CnnBatch1)]
    public float CnnForward1() { _cnn.Forward(_digits.AsSpan(0, 64), _cnnOut); return _cnnOut[0]; }

    [Benchmark(Baseline = true), BenchmarkCategory(LstmBatch1)]
    public float LstmForward1OnnxRuntime() { _peerLstm.Run(); return _peerLstmOut[0]; }

    [Benchmark, BenchmarkCategory(LstmBatch1)]
    public float LstmForward1() { _lstm.Forward(_sequence, _lstmOut); return _lstmOut[0]; }
}
