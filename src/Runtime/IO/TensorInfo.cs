namespace Specialized.IO;

/// <summary>
/// One tensor's entry in a safetensors header: its name, element type, shape and where its bytes lie.
/// Every value has been validated against the file when the <see cref="SafeTensorsFile"/> was parsed.
/// </summary>
public sealed class TensorInfo
{
    private readonly int[] _shape;

    internal TensorInfo(string name, SafeTensorsDType dtype, int[] shape, long elementCount, long dataOffset)
    {
        Name = name;
        DType = dtype;
        _shape = shape;
        ElementCount = elementCount;
        DataOffset = dataOffset;
    }

    /// <summary>The tensor's name, e.g. <c>"0.weight"</c> (PyTorch <c>state_dict()</c> naming).</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorsDType DType { get; }

    /// <summary>The dimensions, outermost first (row-major); empty for a scalar.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>Product of the dimensions (1 for a scalar, 0 when a dimension is 0).</summary>
    public long ElementCount { get; }

    /// <summary>Bytes the tensor occupies: <see cref="ElementCount"/> × the dtype's size.</summary>
    public long ByteLength => ElementCount * DType.SizeInBytes();

    /// <summary>Start of the tensor's bytes, relative to the start of the data buffer (after the header).</summary>
    public long DataOffset { get; }

    /// <summary>The shape as text, e.g. <c>[128, 64]</c>.</summary>
    public string ShapeText => FormatShape(_shape);

    /// <summary>Name, dtype and shape, e.g. <c>0.weight F32 [128, 64]</c>.</summary>
    public override string ToString() => $"{Name} {DType.ToHeaderName()} {ShapeText}";

    internal static string FormatShape(ReadOnlySpan<int> shape)
    {
        var text = new System.Text.StringBuilder("[");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(shape[i]);
        }
        return text.Append(']').ToString();
    }
}
