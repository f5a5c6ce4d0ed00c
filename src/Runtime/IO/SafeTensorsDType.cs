namespace Specialized.IO;

/// <summary>
/// Element types of the safetensors format. The header spells them as in
/// <see cref="SafeTensorsDTypes.ToHeaderName"/> (<c>"F32"</c>, <c>"I64"</c>, …).
/// </summary>
public enum SafeTensorsDType
{
    /// <summary><c>BOOL</c>: one byte per element, 0 or 1.</summary>
    Bool,

    /// <summary><c>U8</c>: unsigned 8-bit integer.</summary>
    UInt8,

    /// <summary><c>I8</c>: signed 8-bit integer.</summary>
    Int8,

    /// <summary><c>F8_E5M2</c>: 8-bit float with 5 exponent and 2 mantissa bits (header size only).</summary>
    Float8E5M2,

    /// <summary><c>F8_E4M3</c>: 8-bit float with 4 exponent and 3 mantissa bits (header size only).</summary>
    Float8E4M3,

    /// <summary><c>I16</c>: signed 16-bit integer.</summary>
    Int16,

    /// <summary><c>U16</c>: unsigned 16-bit integer.</summary>
    UInt16,

    /// <summary><c>F16</c>: IEEE 754 half precision.</summary>
    Float16,

    /// <summary><c>BF16</c>: bfloat16, the upper half of a float32.</summary>
    BFloat16,

    /// <summary><c>I32</c>: signed 32-bit integer.</summary>
    Int32,

    /// <summary><c>U32</c>: unsigned 32-bit integer.</summary>
    UInt32,

    /// <summary><c>F32</c>: IEEE 754 single precision, the type of every model parameter here.</summary>
    Float32,

    /// <summary><c>F64</c>: IEEE 754 double precision.</summary>
    Float64,

    /// <summary><c>I64</c>: signed 64-bit integer (PyTorch's class labels, <c>num_batches_tracked</c>).</summary>
    Int64,

    /// <summary><c>U64</c>: unsigned 64-bit integer.</summary>
    UInt64,
}

/// <summary>Sizes and header spellings of <see cref="SafeTensorsDType"/>.</summary>
public static class SafeTensorsDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeInBytes(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool or SafeTensorsDType.UInt8 or SafeTensorsDType.Int8
            or SafeTensorsDType.Float8E5M2 or SafeTensorsDType.Float8E4M3 => 1,
        SafeTensorsDType.Int16 or SafeTensorsDType.UInt16 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16 => 2,
        SafeTensorsDType.Int32 or SafeTensorsDType.UInt32 or SafeTensorsDType.Float32 => 4,
        SafeTensorsDType.Float64 or SafeTensorsDType.Int64 or SafeTensorsDType.UInt64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype."),
    };

    /// <summary>The spelling used in the JSON header, e.g. <c>"F32"</c>.</summary>
    public static string ToHeaderName(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.Bool => "BOOL",
        SafeTensorsDType.UInt8 => "U8",
        SafeTensorsDType.Int8 => "I8",
        SafeTensorsDType.Float8E5M2 => "F8_E5M2",
        SafeTensorsDType.Float8E4M3 => "F8_E4M3",
        SafeTensorsDType.Int16 => "I16",
        SafeTensorsDType.UInt16 => "U16",
        SafeTensorsDType.Float16 => "F16",
        SafeTensorsDType.BFloat16 => "BF16",
        SafeTensorsDType.Int32 => "I32",
        SafeTensorsDType.UInt32 => "U32",
        SafeTensorsDType.Float32 => "F32",
        SafeTensorsDType.Float64 => "F64",
        SafeTensorsDType.Int64 => "I64",
        SafeTensorsDType.UInt64 => "U64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors dtype."),
    };

    /// <summary>Parses a header spelling (case-sensitive, as the format requires); false when unknown.</summary>
    public static bool TryParseHeaderName(string name, out SafeTensorsDType dtype)
    {
        foreach (SafeTensorsDType candidate in All)
        {
            if (candidate.ToHeaderName() == name)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>Every header spelling, comma-separated, for error messages.</summary>
    internal static string AllHeaderNames => string.Join(", ", All.Select(d => d.ToHeaderName()));

    private static readonly SafeTensorsDType[] All = Enum.GetValues<SafeTensorsDType>();
}
