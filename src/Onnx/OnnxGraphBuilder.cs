using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Specialized.Onnx;

/// <summary>
/// Builds an ONNX <c>GraphProto</c> one node at a time: nodes with their attributes, float initializers in
/// PyTorch's layout (each added once), small int64 constants, and the batch-dynamic input and output.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>The symbolic name of the batch dimension of the input and the output.</summary>
    public const string BatchDimension = "batch";

    private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name) => Graph = new GraphProto { Name = name };

    public GraphProto Graph { get; }

    /// <summary>A node with one output; returns the output's name.</summary>
    public string Node(string operation, string name, IReadOnlyList<string> inputs, string output, params AttributeProto[] attributes)
    {
        Node(operation, name, inputs, new[] { output }, attributes);
        return output;
    }

    /// <summary>A node with any number of outputs; an empty output name leaves that optional output out.</summary>
    public void Node(string operation, string name, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = operation, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        Graph.Node.Add(node);
    }

    /// <summary>A float32 initializer; the first call for a name wins (a tensor read by several nodes is stored once).</summary>
    public string FloatInitializer(string name, IReadOnlyList<int> shape, ReadOnlySpan<float> values)
    {
        if (!_initializers.Add(name)) return name;
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(LittleEndianBytes(values)) };
        foreach (int dimension in shape) tensor.Dims.Add(dimension);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A 1-D int64 initializer (axes, shapes), shared by every node that names it.</summary>
    public string Int64Initializer(string name, params long[] values)
    {
        if (!_initializers.Add(name)) return name;
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>The graph's input or output: float32, the batch dimension symbolic, the rest of <paramref name="sampleShape"/> fixed.</summary>
    public void Input(string name, IReadOnlyList<int> sampleShape) => Graph.Input.Add(BatchedValue(name, sampleShape));

    /// <inheritdoc cref="Input"/>
    public void Output(string name, IReadOnlyList<int> sampleShape) => Graph.Output.Add(BatchedValue(name, sampleShape));

    private static ValueInfoProto BatchedValue(string name, IReadOnlyList<int> sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (int dimension in sampleShape) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dimension });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    /// <summary>A single-string attribute (e.g. Resize's <c>mode</c>), UTF-8 as ONNX stores it.</summary>
    public static AttributeProto Str(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Strings(string name, params string[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        foreach (string value in values) attribute.Strings.Add(ByteString.CopyFromUtf8(value));
        return attribute;
    }

    // ONNX's raw_data is little-endian; on a big-endian machine each float is swapped.
    private static byte[] LittleEndianBytes(ReadOnlySpan<float> values)
    {
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += sizeof(float)) Array.Reverse(bytes, i, sizeof(float));
        }
        return bytes;
    }
}
