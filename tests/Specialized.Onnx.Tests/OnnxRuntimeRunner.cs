using Microsoft.ML.OnnxRuntime;

namespace Specialized.Onnx.Tests;

/// <summary>Runs an ONNX file in ONNX Runtime with every graph optimization on (the loader must accept it as exported).</summary>
internal sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;

    public OnnxRuntimeRunner(string path)
    {
        _options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        _session = new InferenceSession(path, _options);
    }

    /// <summary>The output for a batch of samples of <paramref name="sampleShape"/>, flattened row-major.</summary>
    public float[] Run(float[] inputs, IReadOnlyList<int> sampleShape)
    {
        long sampleSize = sampleShape.Aggregate(1L, (product, d) => product * d);
        long[] shape = [inputs.Length / sampleSize, .. sampleShape.Select(d => (long)d)];
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, [OnnxExporter.InputName], [input], [OnnxExporter.OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }
}
