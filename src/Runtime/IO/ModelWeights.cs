using Specialized.Kernels;

namespace Specialized.IO;

/// <summary>
/// Moves a generated model's flat parameter buffer to and from safetensors files in PyTorch's
/// names, shapes and element order, converting the tensors the model stores transposed.
/// </summary>
public static class ModelWeights
{
    /// <summary>
    /// Reads every tensor of <paramref name="tensors"/> from <paramref name="path"/> into
    /// <paramref name="parameters"/>. All tensors are read and checked into a staging buffer first:
    /// a missing tensor, a wrong dtype or shape, or a damaged file throws
    /// <see cref="InvalidDataException"/> naming the tensor, and leaves <paramref name="parameters"/> untouched.
    /// Extra tensors in the file (inputs, fixtures, optimizer state) are ignored.
    /// </summary>
    public static void Load(string path, IReadOnlyList<ParameterTensor> tensors, Span<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        SafeTensorsFile file = SafeTensorsFile.Load(path);
        var staged = new float[parameters.Length];
        float[] pytorchLayout = new float[tensors.Count == 0 ? 0 : tensors.Max(t => t.Length)];
        foreach (ParameterTensor tensor in tensors)
        {
            CheckFits(tensor, parameters.Length);
            Span<float> destination = staged.AsSpan(tensor.Offset, tensor.Length);
            if (!tensor.IsTransposed)
            {
                file.ReadFloat32(tensor.Name, tensor.Shape, destination);
                continue;
            }
            Span<float> buffer = pytorchLayout.AsSpan(0, tensor.Length);
            file.ReadFloat32(tensor.Name, tensor.Shape, buffer);
            MatrixKernels.Transpose(buffer, tensor.Shape[0], tensor.Length / tensor.Shape[0], destination);
        }
        staged.CopyTo(parameters);
    }

    /// <summary>
    /// Writes every tensor of <paramref name="tensors"/> to <paramref name="path"/> in PyTorch's layout,
    /// through a temporary file renamed over the target, so a crash leaves either the old file or the new one.
    /// </summary>
    public static void Save(string path, IReadOnlyList<ParameterTensor> tensors, ReadOnlySpan<float> parameters, string modelName)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var writer = new SafeTensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.AddMetadata("model", modelName);
        float[] pytorchLayout = new float[tensors.Count == 0 ? 0 : tensors.Max(t => t.Length)];
        foreach (ParameterTensor tensor in tensors)
        {
            CheckFits(tensor, parameters.Length);
            ReadOnlySpan<float> stored = parameters.Slice(tensor.Offset, tensor.Length);
            if (!tensor.IsTransposed)
            {
                writer.Add(tensor.Name, tensor.Shape, stored);
                continue;
            }
            Span<float> buffer = pytorchLayout.AsSpan(0, tensor.Length);
            MatrixKernels.Transpose(stored, tensor.Length / tensor.Shape[0], tensor.Shape[0], buffer);
            writer.Add(tensor.Name, tensor.Shape, buffer);
        }
        writer.Save(path);
    }

    private static void CheckFits(ParameterTensor tensor, int parameterCount)
    {
        if (tensor.Offset < 0 || tensor.Length < 0 || tensor.Offset + tensor.Length > parameterCount)
            throw new ArgumentException($"Tensor '{tensor.Name}' spans [{tensor.Offset}, {tensor.Offset + tensor.Length}), outside the {parameterCount} parameters.", nameof(tensor));
    }
}
