using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace Specialized.IO;

/// <summary>
/// A parsed safetensors file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian, row-major tensor data.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Load"/> and <see cref="Parse"/> validate the whole file up front (header, every entry,
/// and that the tensors tile the data buffer exactly), so a file that loads can be read without
/// surprises. Every problem with the file, and every tensor a caller asks for that is missing or has
/// the wrong dtype or shape, is an <see cref="InvalidDataException"/> whose message names the file,
/// the tensor and what was expected. Mistakes in the caller's own arguments are
/// <see cref="ArgumentException"/>s.
/// </para>
/// <para>
/// The whole file is held in memory (up to 2 GB), which suits the model sizes this library targets.
/// An instance is immutable and may be read from several threads at once.
/// </para>
/// </remarks>
public sealed class SafeTensorsFile
{
    private const int MaxNamesInMessage = 20;

    private readonly byte[] _bytes;
    private readonly int _dataStart;
    private readonly Dictionary<string, TensorInfo> _tensors;

    private SafeTensorsFile(byte[] bytes, int dataStart, string sourceName, List<TensorInfo> tensors, Dictionary<string, string> metadata)
    {
        _bytes = bytes;
        _dataStart = dataStart;
        SourceName = sourceName;
        _tensors = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Names = tensors.Select(t => t.Name).ToList().AsReadOnly();
        Metadata = new ReadOnlyDictionary<string, string>(metadata);
    }

    /// <summary>The path or name the file was read from; every error message quotes it.</summary>
    public string SourceName { get; }

    /// <summary>Tensor names in header order (the order they were added, for files written by <see cref="SafeTensorsWriter"/>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The header's <c>__metadata__</c> (string to string); empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message says why.</exception>
    /// <exception cref="IOException">The file cannot be read (missing, a directory, locked, larger than 2 GB).</exception>
    public static SafeTensorsFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // The runtime reports a directory as "Access to the path is denied", which sends users to check permissions.
        if (Directory.Exists(path))
            throw new IOException($"Cannot load weights from '{path}': it is a directory; expected a safetensors file.");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>
    /// Validates the bytes of a whole safetensors file. The instance keeps a reference to
    /// <paramref name="bytes"/> rather than a copy, so do not modify the array afterwards.
    /// </summary>
    /// <param name="bytes">The complete file.</param>
    /// <param name="sourceName">The name to quote in error messages, usually the path.</param>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file; the message says why.</exception>
    public static SafeTensorsFile Parse(byte[] bytes, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (bytes.Length < sizeof(ulong))
        {
            throw SafeTensorsHeader.Error(sourceName,
                $"the file is {bytes.Length} bytes long; expected at least 8 (the header length) followed by a JSON header.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > SafeTensorsHeader.MaxHeaderLength)
        {
            throw SafeTensorsHeader.Error(sourceName,
                $"the header length field says {headerLength} bytes; expected at most {SafeTensorsHeader.MaxHeaderLength} " +
                "(the file is corrupt or not a safetensors file).");
        }
        int available = bytes.Length - sizeof(ulong);
        if (headerLength > (ulong)available)
        {
            throw SafeTensorsHeader.Error(sourceName,
                $"the header length field says {headerLength} bytes, but only {available} bytes follow it " +
                "(the file is truncated or not a safetensors file).");
        }

        int dataStart = sizeof(ulong) + (int)headerLength;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        List<TensorInfo> tensors = SafeTensorsHeader.Parse(
            bytes.AsSpan(sizeof(ulong), (int)headerLength), bytes.Length - dataStart, sourceName, metadata);
        return new SafeTensorsFile(bytes, dataStart, sourceName, tensors, metadata);
    }

    /// <summary>True when the file holds a tensor of that name (ordinal comparison).</summary>
    public bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _tensors.ContainsKey(name);
    }

    /// <summary>The dtype, shape and location of a tensor.</summary>
    /// <exception cref="InvalidDataException">The file holds no tensor of that name; the message lists the names it holds.</exception>
    public TensorInfo GetInfo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_tensors.TryGetValue(name, out TensorInfo? info)) return info;
        throw SafeTensorsHeader.Error(SourceName, $"tensor '{name}' is missing; the file holds: {ListNames()}.");
    }

    /// <summary>
    /// Copies a tensor of exactly <paramref name="expectedShape"/> into <paramref name="destination"/> as
    /// float32. F32 is copied bit for bit; F16, BF16 and F64 are converted (F64 rounds to nearest).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="expectedShape"/> has a negative dimension, or <paramref name="destination"/>'s length is not its product.
    /// </exception>
    /// <exception cref="InvalidDataException">The tensor is missing, is not floating point, or has another shape.</exception>
    public void ReadFloat32(string name, ReadOnlySpan<int> expectedShape, Span<float> destination)
    {
        CheckDestination(expectedShape, destination.Length, nameof(destination));
        TensorInfo info = GetChecked(name, expectedShape, IsFloat, "F32 (F64, F16 and BF16 are converted)");
        CopyFloat32(info, destination);
    }

    /// <summary>Reads a floating-point tensor of any shape as a new float32 array (see <see cref="ReadFloat32(string, ReadOnlySpan{int}, Span{float})"/>).</summary>
    /// <exception cref="InvalidDataException">The tensor is missing or is not floating point.</exception>
    public float[] ReadFloat32(string name)
    {
        TensorInfo info = GetChecked(name, default, IsFloat, "F32 (F64, F16 and BF16 are converted)", checkShape: false);
        var values = new float[info.ElementCount];
        CopyFloat32(info, values);
        return values;
    }

    /// <summary>
    /// Reads a floating-point tensor of any shape as a new float64 array: F64 bit for bit, F32, F16 and
    /// BF16 widened exactly.
    /// </summary>
    /// <exception cref="InvalidDataException">The tensor is missing or is not floating point.</exception>
    public double[] ReadFloat64(string name)
    {
        TensorInfo info = GetChecked(name, default, IsFloat, "F64 (F32, F16 and BF16 are widened)", checkShape: false);
        var values = new double[info.ElementCount];
        ReadOnlySpan<byte> source = Bytes(info);
        if (info.DType == SafeTensorsDType.Float64)
        {
            for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(source[(i * 8)..]);
        }
        else
        {
            var singles = new float[info.ElementCount];
            CopyFloat32(info, singles);
            for (int i = 0; i < values.Length; i++) values[i] = singles[i];
        }
        return values;
    }

    /// <summary>
    /// Copies an integer tensor of exactly <paramref name="expectedShape"/> into <paramref name="destination"/>
    /// as int64. I64 is copied; I32, I16, I8, U32, U16 and U8 are widened exactly.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="expectedShape"/> has a negative dimension, or <paramref name="destination"/>'s length is not its product.
    /// </exception>
    /// <exception cref="InvalidDataException">The tensor is missing, is not an integer tensor, or has another shape.</exception>
    public void ReadInt64(string name, ReadOnlySpan<int> expectedShape, Span<long> destination)
    {
        CheckDestination(expectedShape, destination.Length, nameof(destination));
        TensorInfo info = GetChecked(name, expectedShape, IsInteger, "I64 (I32, I16, I8, U32, U16 and U8 are widened)");
        CopyInt64(info, destination);
    }

    /// <summary>Reads an integer tensor of any shape as a new int64 array (see <see cref="ReadInt64(string, ReadOnlySpan{int}, Span{long})"/>).</summary>
    /// <exception cref="InvalidDataException">The tensor is missing or is not an integer tensor.</exception>
    public long[] ReadInt64(string name)
    {
        TensorInfo info = GetChecked(name, default, IsInteger, "I64 (I32, I16, I8, U32, U16 and U8 are widened)", checkShape: false);
        var values = new long[info.ElementCount];
        CopyInt64(info, values);
        return values;
    }

    private static void CheckDestination(ReadOnlySpan<int> expectedShape, int destinationLength, string paramName)
    {
        long product = SafeTensorsWriter.ElementCount(expectedShape, nameof(expectedShape));
        if (product != destinationLength)
        {
            throw new ArgumentException(
                $"{paramName} has {destinationLength} elements; expected {product} (the product of expectedShape {TensorInfo.FormatShape(expectedShape)}).",
                paramName);
        }
    }

    private TensorInfo GetChecked(string name, ReadOnlySpan<int> expectedShape, Func<SafeTensorsDType, bool> dtypeFits, string expectedDType, bool checkShape = true)
    {
        TensorInfo info = GetInfo(name);
        if (!dtypeFits(info.DType))
            throw SafeTensorsHeader.Error(SourceName, $"tensor '{name}' has dtype {info.DType.ToHeaderName()}; expected {expectedDType}.");
        if (checkShape && !info.Shape.SequenceEqual(expectedShape))
        {
            throw SafeTensorsHeader.Error(SourceName,
                $"tensor '{name}' has shape {info.ShapeText}; expected {TensorInfo.FormatShape(expectedShape)}.");
        }
        return info;
    }

    private ReadOnlySpan<byte> Bytes(TensorInfo info) =>
        new(_bytes, _dataStart + (int)info.DataOffset, (int)info.ByteLength);

    private void CopyFloat32(TensorInfo info, Span<float> destination)
    {
        ReadOnlySpan<byte> source = Bytes(info);
        switch (info.DType)
        {
            case SafeTensorsDType.Float32 when BitConverter.IsLittleEndian:
                source.CopyTo(MemoryMarshal.AsBytes(destination));
                break;
            case SafeTensorsDType.Float32:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
                break;
            case SafeTensorsDType.Float64:
                for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(i * 8)..]);
                break;
            case SafeTensorsDType.Float16:
                for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(i * 2)..]);
                break;
            case SafeTensorsDType.BFloat16:
                // bfloat16 is the upper 16 bits of a float32.
                for (int i = 0; i < destination.Length; i++)
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]) << 16);
                break;
            default:
                throw new InvalidOperationException($"dtype {info.DType} passed the floating-point check but has no conversion.");
        }
    }

    private void CopyInt64(TensorInfo info, Span<long> destination)
    {
        ReadOnlySpan<byte> source = Bytes(info);
        switch (info.DType)
        {
            case SafeTensorsDType.Int64 when BitConverter.IsLittleEndian:
                source.CopyTo(MemoryMarshal.AsBytes(destination));
                break;
            case SafeTensorsDType.Int64:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadInt64LittleEndian(source[(i * 8)..]);
                break;
            case SafeTensorsDType.Int32:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(i * 4)..]);
                break;
            case SafeTensorsDType.UInt32:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadUInt32LittleEndian(source[(i * 4)..]);
                break;
            case SafeTensorsDType.Int16:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(i * 2)..]);
                break;
            case SafeTensorsDType.UInt16:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadUInt16LittleEndian(source[(i * 2)..]);
                break;
            case SafeTensorsDType.Int8:
                for (int i = 0; i < destination.Length; i++) destination[i] = (sbyte)source[i];
                break;
            case SafeTensorsDType.UInt8:
                for (int i = 0; i < destination.Length; i++) destination[i] = source[i];
                break;
            default:
                throw new InvalidOperationException($"dtype {info.DType} passed the integer check but has no conversion.");
        }
    }

    private static bool IsFloat(SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.Float32 or SafeTensorsDType.Float64 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16;

    private static bool IsInteger(SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.Int64 or SafeTensorsDType.Int32 or SafeTensorsDType.Int16 or SafeTensorsDType.Int8
            or SafeTensorsDType.UInt32 or SafeTensorsDType.UInt16 or SafeTensorsDType.UInt8;

    private string ListNames()
    {
        if (Names.Count == 0) return "no tensors";
        string listed = string.Join(", ", Names.Take(MaxNamesInMessage));
        return Names.Count > MaxNamesInMessage ? $"{listed} and {Names.Count - MaxNamesInMessage} more" : listed;
    }
}
