using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;
using Specialized.IO;

namespace Specialized.Onnx;

/// <summary>
/// Reads a model's tensors from the initializers of an ONNX file (one this library exported, or any whose
/// initializers carry the model's PyTorch names and shapes, e.g. from <c>torch.onnx.export</c>), with the
/// safetensors loader's guarantees: every tensor is read and checked into staging buffers first, and a
/// missing, misshapen or mistyped initializer throws <see cref="InvalidDataException"/> naming it and leaves
/// the model untouched. The checked tensors are committed through the model's own <see cref="IModel.LoadWeights(Specialized.IO.SafeTensorsFile)"/> (an image built in memory),
/// so the load holds the same exclusive-use guard: a concurrent training call throws
/// <see cref="InvalidOperationException"/> instead of seeing a half-loaded model (and so does this load when a
/// training call is already running).
/// </summary>
public static class OnnxWeights
{
    private const int MaxNamesInMessage = 12;

    /// <summary>
    /// Replaces every tensor of <paramref name="model"/> with the initializer of the same name in the ONNX file at
    /// <paramref name="path"/>. <paramref name="nameMap"/> maps a model tensor name to the initializer's name where
    /// they differ (names it does not list are looked up unchanged). A missing <c>num_batches_tracked</c> keeps its
    /// value, as in the safetensors loader; initializers the model does not use are ignored. A recurrent layer's
    /// tensors may also be mapped to the packed initializers of an ONNX LSTM/GRU/RNN node as <c>torch.onnx.export</c>
    /// writes them (<c>W [1, G·H, F]</c>, <c>R [1, G·H, H]</c>, <c>B [1, 2·G·H]</c>, gates in ONNX's order, names such as
    /// <c>onnx::LSTM_123</c>): map <c>weight_ih_l0</c> to W, <c>weight_hh_l0</c> to R and both biases to B, and the
    /// gate blocks are put back in PyTorch's order.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or an initializer is missing, misshapen or of another type.</exception>
    /// <exception cref="InvalidOperationException">Another thread is training, resetting or loading the model at the same time.</exception>
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

        // Every initializer is read and checked here, in PyTorch's layout, into a safetensors image; the model's own
        // LoadWeights then stages it again and commits it under the model's exclusive-use guard, so a training call on
        // another thread is refused rather than seeing a half-loaded model, and any error leaves the model untouched.
        ModelDescription? description = TModel.Description;
        var image = new SafeTensorsWriter();
        foreach (ModelTensor tensor in tensors)
        {
            string name = FileName(tensor);
            if (!initializers.TryGetValue(name, out TensorProto? initializer)) continue; // a counter the file does not carry keeps its value
            if (tensor.DType == TensorDType.Int64)
            {
                CheckShape(path, name, initializer, tensor.Shape);
                long[] integers = new long[tensor.Length];
                ReadInt64(path, name, initializer, integers);
                image.AddInt64(tensor.Name, tensor.Shape, integers);
                continue;
            }
            float[] pytorchLayout = new float[tensor.Length];
            if (OnnxPackedRecurrentWeights.TryFindOwner(description, tensor.Name, out RecurrentNodeDescription recurrent, out string suffix)
                && OnnxPackedRecurrentWeights.IsPacked(initializer, suffix, tensor.Shape))
            {
                float[] packed = new float[initializer.Dims.Aggregate(1L, (product, d) => product * d)];
                ReadFloat32(path, name, initializer, packed);
                OnnxPackedRecurrentWeights.Unpack(recurrent, suffix, packed, pytorchLayout);
            }
            else
            {
                CheckShape(path, name, initializer, tensor.Shape);
                ReadFloat32(path, name, initializer, pytorchLayout);
            }
            image.Add(tensor.Name, tensor.Shape, pytorchLayout);
        }

        model.LoadWeights(SafeTensorsFile.Parse(image.ToBytes(), path));
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
