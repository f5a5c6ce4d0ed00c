using Specialized.Kernels;

namespace Specialized.IO;

/// <summary>
/// Moves a generated model's tensors (parameters, float buffers, integer buffers) to and from
/// safetensors files in PyTorch's names, shapes and element order, converting the tensors the model
/// stores transposed.
/// </summary>
public static class ModelWeights
{
    private const int MaxNamesInMessage = 12;

    /// <summary>
    /// Reads every tensor of <paramref name="tensors"/> from <paramref name="path"/>. All tensors are read
    /// and checked into staging buffers first: a missing tensor, a wrong dtype or shape, or a damaged file
    /// throws <see cref="InvalidDataException"/> naming the tensor, and leaves every span untouched.
    /// A missing <c>num_batches_tracked</c> is allowed (PyTorch writes it only since 0.4.1) and keeps its value.
    /// With <paramref name="strict"/>, tensors in the file that the model does not have are an error too
    /// (PyTorch's <c>strict=True</c>); otherwise they are ignored (inputs, fixtures, optimizer state).
    /// </summary>
    public static void Load(string path, IReadOnlyList<ModelTensor> tensors, Span<float> parameters, Span<float> buffers, Span<long> integerBuffers, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        LoadFrom(SafeTensorsFile.Load(path), tensors, parameters, buffers, integerBuffers, strict);
    }

    /// <summary>
    /// As <see cref="Load(string, IReadOnlyList{ModelTensor}, Span{float}, Span{float}, Span{long}, bool)"/>, from a
    /// file already read and validated (<see cref="SafeTensorsFile.Parse"/> of bytes from a stream, a resource or an
    /// importer), so weights need not pass through the file system.
    /// </summary>
    public static void LoadFrom(SafeTensorsFile file, IReadOnlyList<ModelTensor> tensors, Span<float> parameters, Span<float> buffers, Span<long> integerBuffers, bool strict)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(tensors);
        CheckNames(file, tensors, strict);
        float[] stagedParameters = parameters.ToArray(), stagedBuffers = buffers.ToArray();
        long[] stagedIntegers = integerBuffers.ToArray();
        float[] pytorchLayout = new float[tensors.Count == 0 ? 0 : tensors.Max(t => t.Length)];
        foreach (ModelTensor tensor in tensors)
        {
            if (tensor.DType == TensorDType.Int64)
            {
                CheckFits(tensor, stagedIntegers.Length);
                if (file.Contains(tensor.Name)) file.ReadInt64(tensor.Name, tensor.Shape, stagedIntegers.AsSpan(tensor.Offset, tensor.Length));
                continue;
            }
            float[] target = tensor.Kind == TensorKind.Parameter ? stagedParameters : stagedBuffers;
            CheckFits(tensor, target.Length);
            Span<float> destination = target.AsSpan(tensor.Offset, tensor.Length);
            if (!tensor.IsTransposed)
            {
                file.ReadFloat32(tensor.Name, tensor.Shape, destination);
                continue;
            }
            Span<float> buffer = pytorchLayout.AsSpan(0, tensor.Length);
            file.ReadFloat32(tensor.Name, tensor.Shape, buffer);
            MatrixKernels.Transpose(buffer, tensor.Shape[0], tensor.Length / tensor.Shape[0], destination);
        }
        stagedParameters.CopyTo(parameters);
        stagedBuffers.CopyTo(buffers);
        stagedIntegers.CopyTo(integerBuffers);
    }

    /// <summary>
    /// Writes every tensor of <paramref name="tensors"/> to <paramref name="path"/> in PyTorch's layout,
    /// through a temporary file renamed over the target, so a crash leaves either the old file or the new one.
    /// </summary>
    public static void Save(string path, IReadOnlyList<ModelTensor> tensors, ReadOnlySpan<float> parameters, ReadOnlySpan<float> buffers, ReadOnlySpan<long> integerBuffers, string modelName) =>
        Image(tensors, parameters, buffers, integerBuffers, modelName).Save(path);

    /// <summary>
    /// The bytes of the safetensors file <see cref="Save"/> would write (PyTorch's layout and names), built in memory:
    /// for weights that travel (a cluster's messages) or are stored elsewhere than a file.
    /// </summary>
    public static byte[] ToBytes(IReadOnlyList<ModelTensor> tensors, ReadOnlySpan<float> parameters, ReadOnlySpan<float> buffers, ReadOnlySpan<long> integerBuffers, string modelName) =>
        Image(tensors, parameters, buffers, integerBuffers, modelName).ToBytes();

    private static SafeTensorsWriter Image(IReadOnlyList<ModelTensor> tensors, ReadOnlySpan<float> parameters, ReadOnlySpan<float> buffers, ReadOnlySpan<long> integerBuffers, string modelName)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var writer = new SafeTensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.AddMetadata("model", modelName);
        float[] pytorchLayout = new float[tensors.Count == 0 ? 0 : tensors.Max(t => t.Length)];
        foreach (ModelTensor tensor in tensors)
        {
            if (tensor.DType == TensorDType.Int64)
            {
                CheckFits(tensor, integerBuffers.Length);
                writer.AddInt64(tensor.Name, tensor.Shape, integerBuffers.Slice(tensor.Offset, tensor.Length));
                continue;
            }
            ReadOnlySpan<float> source = tensor.Kind == TensorKind.Parameter ? parameters : buffers;
            CheckFits(tensor, source.Length);
            ReadOnlySpan<float> stored = source.Slice(tensor.Offset, tensor.Length);
            if (!tensor.IsTransposed)
            {
                writer.Add(tensor.Name, tensor.Shape, stored);
                continue;
            }
            Span<float> buffer = pytorchLayout.AsSpan(0, tensor.Length);
            MatrixKernels.Transpose(stored, tensor.Length / tensor.Shape[0], tensor.Shape[0], buffer);
            writer.Add(tensor.Name, tensor.Shape, buffer);
        }
        return writer;
    }

    // Every name the model needs must be there (a counter may be missing); in strict mode nothing else may be.
    // The message lists what the file has, and says how to map names when the numbering is PyTorch's nn.Sequential one.
    private static void CheckNames(SafeTensorsFile file, IReadOnlyList<ModelTensor> tensors, bool strict)
    {
        var missing = tensors.Where(t => t.DType != TensorDType.Int64 && !file.Contains(t.Name)).Select(t => t.Name).ToList();
        var expected = new HashSet<string>(tensors.Select(t => t.Name), StringComparer.Ordinal);
        var unexpected = strict ? file.Names.Where(n => !expected.Contains(n)).ToList() : [];
        if (missing.Count == 0 && unexpected.Count == 0) return;

        var message = new System.Text.StringBuilder($"{file.SourceName} does not match the model: ");
        if (missing.Count > 0) message.Append($"missing {Quote(missing)}");
        if (missing.Count > 0 && unexpected.Count > 0) message.Append("; ");
        if (unexpected.Count > 0) message.Append($"left over (strict load) {Quote(unexpected)}");
        message.Append($". The file has {Quote(file.Names)}. ");
        message.Append("Tensor names follow the declaration's layer positions. A PyTorch nn.Sequential also numbers its activation and dropout modules: " +
                       "declare [Model(..., Naming = TensorNaming.Sequential)] to number layers the same way, or give a layer its PyTorch name with Name = \"...\".");
        throw new InvalidDataException(message.ToString());
    }

    private static string Quote(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(MaxNamesInMessage).Select(n => $"'{n}'")) + (names.Count > MaxNamesInMessage ? $" and {names.Count - MaxNamesInMessage} more" : "");

    private static void CheckFits(ModelTensor tensor, int available)
    {
        if (tensor.Offset < 0 || tensor.Length < 0 || tensor.Offset + tensor.Length > available)
            throw new ArgumentException($"Tensor '{tensor.Name}' spans [{tensor.Offset}, {tensor.Offset + tensor.Length}), outside the {available} elements that hold it.", "tensors");
    }
}
