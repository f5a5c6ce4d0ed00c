using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;
using Specialized.Kernels;

namespace Specialized.Onnx;

/// <summary>
/// Reads a model's tensors from the initializers of an ONNX file (one this library exported, or any whose
/// initializers carry the model's PyTorch names and shapes, e.g. from <c>torch.onnx.export</c>), with the
/// safetensors loader's guarantees: every tensor is read and checked into staging buffers first, and a
/// missing, misshapen or mistyped initializer throws <see cref="InvalidDataException"/> naming it and leaves
/// the model untouched.
/// </summary>
public static class OnnxWeights
{
    private const int MaxNamesInMessage = 12;

    /// <summary>
    /// Replaces every tensor of <paramref name="model"/> with the initializer of the same name in the ONNX file at
    /// <paramref name="path"/>. <paramref name="nameMap"/> maps a model tensor name to the initializer's name where
    /// they differ (names it does not list are looked up unchanged). A missing <c>num_batches_tracked</c> keeps its
    /// value, as in the safetensors loader; initializers the model does not use are ignored.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or an initializer is missing, misshapen or of another type.</exception>
    public static void Load<TModel>(TModel model, string path, IReadOnlyDictionary<string, string>? nameMap = null) where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Dictionary<string, TensorProto> initializers = ReadInitializers(path);
        IReadOnlyList<ModelTensor> tensors = TModel.Tensors;
        string FileName(ModelTensor tensor) => nameMap is not null && nameMap.TryGetValue(tensor.Name, out string? mapped) ? mapped : tensor.Name;

        var missing = tensors.Where(t => t.DType != TensorDType.Int64 && !initializers.ContainsKey(FileName(t))).Select(FileName).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} does not match {typeof(TModel).Name}: missing {Quote(missing)}. " +
                $"Its initializers are {Quote([.. initializers.Keys])}. Pass a name map (model tensor name → initializer name) where they are named differently.");
        }

        float[] parameters = model.Parameters.ToArray(), buffers = model.Buffers.ToArray();
        long[] integers = model.IntegerBuffers.ToArray();
        foreach (ModelTensor tensor in tensors)
        {
            string name = FileName(tensor);
            if (!initializers.TryGetValue(name, out TensorProto? initializer)) continue; // a counter the file does not carry keeps its value
            CheckShape(path, name, initializer, tensor.Shape);
            if (tensor.DType == TensorDType.Int64)
            {
                ReadInt64(path, name, initializer, Target(integers, tensor));
                continue;
            }
            Span<float> target = Target(tensor.Kind == TensorKind.Parameter ? parameters : buffers, tensor);
            if (!tensor.IsTransposed)
            {
                ReadFloat32(path, name, initializer, target);
                continue;
            }
            float[] pytorchLayout = new float[tensor.Length];
            ReadFloat32(path, name, initializer, pytorchLayout);
            MatrixKernels.Transpose(pytorchLayout, tensor.Shape[0], tensor.Length / tensor.Shape[0], target);
        }
        parameters.CopyTo(model.Parameters);
        buffers.CopyTo(model.Buffers);
        integers.CopyTo(model.IntegerBuffers);
    }

    private static Dictionary<string, TensorProto> ReadInitializers(string path)
    {
        ModelProto file;
        try
        {
            using FileStream stream = File.OpenRead(path);
            file = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not an ONNX model: {exception.Message}", exception);
        }
        if (file.Graph is null) throw new InvalidDataException($"{Path.GetFileName(path)} is not an ONNX model: it has no graph.");
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (TensorProto initializer in file.Graph.Initializer) initializers[initializer.Name] = initializer;
        return initializers;
    }

    private static Span<T> Target<T>(T[] staged, ModelTensor tensor)
    {
        if (tensor.Offset < 0 || tensor.Length < 0 || tensor.Offset + tensor.Length > staged.Length)
            throw new ArgumentException($"Tensor '{tensor.Name}' spans [{tensor.Offset}, {tensor.Offset + tensor.Length}), outside the {staged.Length} elements that hold it.", nameof(tensor));
        return staged.AsSpan(tensor.Offset, tensor.Length);
    }

    private static void CheckShape(string path, string name, TensorProto initializer, int[] expected)
    {
        if (initializer.Dims.SequenceEqual(expected.Select(d => (long)d))) return;
        throw new InvalidDataException($"{Path.GetFileName(path)}: initializer '{name}' has shape [{string.Join(", ", initializer.Dims)}], the model expects [{string.Join(", ", expected)}].");
    }

    private static void CheckStoredInFile(string path, string name, TensorProto initializer)
    {
        if (initializer.DataLocation == TensorProto.Types.DataLocation.External)
            throw new InvalidDataException($"{Path.GetFileName(path)}: initializer '{name}' is stored in an external file, which this loader does not read; save the model with its weights inside.");
    }

    private static void ReadFloat32(string path, string name, TensorProto initializer, Span<float> destination)
    {
        CheckType(path, name, initializer, TensorProto.Types.DataType.Float);
        CheckStoredInFile(path, name, initializer);
        if (!initializer.RawData.IsEmpty)
        {
            ReadOnlySpan<byte> raw = initializer.RawData.Span;
            CheckCount(path, name, raw.Length / sizeof(float), raw.Length % sizeof(float) == 0, destination.Length);
            for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
            return;
        }
        CheckCount(path, name, initializer.FloatData.Count, true, destination.Length);
        for (int i = 0; i < destination.Length; i++) destination[i] = initializer.FloatData[i];
    }

    private static void ReadInt64(string path, string name, TensorProto initializer, Span<long> destination)
    {
        CheckType(path, name, initializer, TensorProto.Types.DataType.Int64);
        CheckStoredInFile(path, name, initializer);
        if (!initializer.RawData.IsEmpty)
        {
            ReadOnlySpan<byte> raw = initializer.RawData.Span;
            CheckCount(path, name, raw.Length / sizeof(long), raw.Length % sizeof(long) == 0, destination.Length);
            for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(i * sizeof(long))..]);
            return;
        }
        CheckCount(path, name, initializer.Int64Data.Count, true, destination.Length);
        for (int i = 0; i < destination.Length; i++) destination[i] = initializer.Int64Data[i];
    }

    private static void CheckType(string path, string name, TensorProto initializer, TensorProto.Types.DataType expected)
    {
        if (initializer.DataType != (int)expected)
            throw new InvalidDataException($"{Path.GetFileName(path)}: initializer '{name}' has ONNX data type {(TensorProto.Types.DataType)initializer.DataType}, the model expects {expected}.");
    }

    private static void CheckCount(string path, string name, int count, bool whole, int expected)
    {
        if (!whole || count != expected)
            throw new InvalidDataException($"{Path.GetFileName(path)}: initializer '{name}' holds {count} values for its {expected} elements; the file is damaged.");
    }

    private static string Quote(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(MaxNamesInMessage).Select(n => $"'{n}'")) + (names.Count > MaxNamesInMessage ? $" and {names.Count - MaxNamesInMessage} more" : "");
}
