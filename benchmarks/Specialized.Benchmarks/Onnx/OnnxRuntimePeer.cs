using Microsoft.ML.OnnxRuntime;
using Specialized.Onnx;

namespace Specialized.Benchmarks.Onnx;

/// <summary>
/// A model exported by <see cref="OnnxExporter"/> in an ONNX Runtime session as a careful .NET user would set it up
/// for latency: one intra-op thread (the generated code uses one), sequential execution, every graph optimization,
/// and input and output <see cref="OrtValue"/>s created once over pinned arrays, so a call does no allocation of tensors.
/// </summary>
internal sealed class OnnxRuntimePeer : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly OrtValue[] _inputs, _outputs;
    private readonly string[] _inputNames = [OnnxExporter.InputName], _outputNames = [OnnxExporter.OutputName];

    public OnnxRuntimePeer(byte[] model, float[] inputs, long[] inputShape, float[] outputs, long[] outputShape)
    {
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, _options);
        _inputs = [OrtValue.CreateTensorValueFromMemory(inputs, inputShape)];
        _outputs = [OrtValue.CreateTensorValueFromMemory(outputs, outputShape)];
    }

    /// <summary>Runs the session on the preallocated input into the preallocated output.</summary>
    public void Run() => _session.Run(_run, _inputNames, _inputs, _outputNames, _outputs);

    public void Dispose()
    {
        foreach (OrtValue value in _inputs.Concat(_outputs)) value.Dispose();
        _run.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
