using Specialized.Kernels;

namespace Specialized.Onnx;

/// <summary>
/// A snapshot of a model's float tensors by name, each handed out in PyTorch's layout (a tensor the model
/// stores transposed is transposed back), as the exporter writes them.
/// </summary>
internal sealed class ModelTensorData
{
    private readonly Dictionary<string, ModelTensor> _tensors;
    private readonly float[] _parameters;
    private readonly float[] _buffers;

    public ModelTensorData(IReadOnlyList<ModelTensor> tensors, ReadOnlySpan<float> parameters, ReadOnlySpan<float> buffers)
    {
        _tensors = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _parameters = parameters.ToArray();
        _buffers = buffers.ToArray();
    }

    /// <summary>The tensor's PyTorch shape and values; <paramref name="owner"/> names the node in the error when it is missing.</summary>
    public (int[] Shape, float[] Values) Read(string name, string owner)
    {
        if (!_tensors.TryGetValue(name, out ModelTensor? tensor) || tensor.DType != TensorDType.Float32)
            throw new InvalidOperationException($"Node '{owner}' names the float tensor '{name}', which the model's Tensors do not list.");
        float[] source = tensor.Kind == TensorKind.Parameter ? _parameters : _buffers;
        if (tensor.Offset < 0 || tensor.Offset + tensor.Length > source.Length)
            throw new InvalidOperationException($"Tensor '{name}' spans [{tensor.Offset}, {tensor.Offset + tensor.Length}), outside the {source.Length} floats that hold it.");
        ReadOnlySpan<float> stored = source.AsSpan(tensor.Offset, tensor.Length);
        float[] values = new float[tensor.Length];
        if (tensor.IsTransposed) MatrixKernels.Transpose(stored, tensor.Length / tensor.Shape[0], tensor.Shape[0], values);
        else stored.CopyTo(values);
        return (tensor.Shape, values);
    }
}
