using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Specialized.IO;

/// <summary>
/// Builds a safetensors file: add tensors (copied at once, so the caller's buffers may change
/// afterwards) and metadata, then <see cref="Save"/> atomically or take the bytes.
/// </summary>
/// <remarks>
/// The header lists the tensors in the order they were added (so a reader's names come back in that
/// order); the data is little-endian, row-major and contiguous. As in the reference implementation,
/// the JSON header is padded with spaces to a multiple of 8 bytes and the data buffer holds tensors
/// with larger elements first (stable), so every tensor starts at a multiple of its element size and
/// readers that view the bytes in place (memory maps, <c>torch.frombuffer</c>) get aligned data.
/// Files written here load with <c>safetensors.torch.load_file</c>.
/// </remarks>
public sealed class SafeTensorsWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<Entry> _tensors = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly HashSet<string> _metadataKeys = new(StringComparer.Ordinal);

    /// <summary>Number of tensors added so far.</summary>
    public int Count => _tensors.Count;

    /// <summary>
    /// Test hook: runs after the temporary file is complete and flushed, just before it replaces the
    /// target, so tests can simulate a failure at the last moment.
    /// </summary>
    internal Action<string>? BeforeReplace { get; set; }

    /// <summary>Adds a float32 (<c>F32</c>) tensor.</summary>
    /// <param name="name">Unique, non-empty name, e.g. <c>"0.weight"</c>.</param>
    /// <param name="shape">Dimensions, outermost first; empty for a scalar.</param>
    /// <param name="data">Row-major values; exactly the product of <paramref name="shape"/> of them.</param>
    /// <exception cref="ArgumentException">The name is empty, reserved or taken, a dimension is negative, or the length does not match.</exception>
    public void Add(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> data)
    {
        CheckTensor(name, shape, data.Length, sizeof(float));
        byte[] bytes = new byte[data.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(data).CopyTo(bytes);
        }
        else
        {
            for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }
        Append(name, SafeTensorsDType.Float32, shape, bytes);
    }

    /// <summary>Adds a float64 (<c>F64</c>) tensor, for values that must keep double precision (e.g. an SVM's dual coefficients).</summary>
    /// <param name="name">Unique, non-empty name.</param>
    /// <param name="shape">Dimensions, outermost first; empty for a scalar.</param>
    /// <param name="data">Row-major values; exactly the product of <paramref name="shape"/> of them.</param>
    /// <exception cref="ArgumentException">The name is empty, reserved or taken, a dimension is negative, or the length does not match.</exception>
    public void AddFloat64(string name, ReadOnlySpan<int> shape, ReadOnlySpan<double> data)
    {
        CheckTensor(name, shape, data.Length, sizeof(double));
        byte[] bytes = new byte[data.Length * sizeof(double)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(data).CopyTo(bytes);
        }
        else
        {
            for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), data[i]);
        }
        Append(name, SafeTensorsDType.Float64, shape, bytes);
    }

    /// <summary>Adds an int64 (<c>I64</c>) tensor, e.g. class labels or BatchNorm's <c>num_batches_tracked</c>.</summary>
    /// <param name="name">Unique, non-empty name.</param>
    /// <param name="shape">Dimensions, outermost first; empty for a scalar.</param>
    /// <param name="data">Row-major values; exactly the product of <paramref name="shape"/> of them.</param>
    /// <exception cref="ArgumentException">The name is empty, reserved or taken, a dimension is negative, or the length does not match.</exception>
    public void AddInt64(string name, ReadOnlySpan<int> shape, ReadOnlySpan<long> data)
    {
        CheckTensor(name, shape, data.Length, sizeof(long));
        byte[] bytes = new byte[data.Length * sizeof(long)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(data).CopyTo(bytes);
        }
        else
        {
            for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), data[i]);
        }
        Append(name, SafeTensorsDType.Int64, shape, bytes);
    }

    /// <summary>Adds a <c>__metadata__</c> entry (written before the tensors, as the reference implementation does).</summary>
    /// <exception cref="ArgumentException">The key was already added, or a string is not valid UTF-16.</exception>
    public void AddMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        CheckEncodable(key, nameof(key));
        CheckEncodable(value, nameof(value));
        if (!_metadataKeys.Add(key))
            throw new ArgumentException($"Metadata key '{key}' was already added; metadata keys must be unique.", nameof(key));
        _metadata.Add(new(key, value));
    }

    /// <summary>The complete file as bytes.</summary>
    public byte[] ToBytes()
    {
        var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Writes the complete file to <paramref name="stream"/> at its current position.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Larger elements first; OrderByDescending is stable, so equal sizes keep insertion order.
        Entry[] dataOrder = [.. _tensors.OrderByDescending(t => t.DType.SizeInBytes())];
        byte[] header = BuildHeader(dataOrder);
        Span<byte> length = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (Entry tensor in dataOrder) stream.Write(tensor.Data);
    }

    /// <summary>
    /// Writes the file to <paramref name="path"/> atomically (<see cref="AtomicFile"/>): the bytes go to a temporary file in the
    /// same directory, are flushed to disk, and only then replace the target in one rename. A crash or
    /// an exception leaves either the old file or the new one, never a truncated mix, and the
    /// temporary file is deleted on failure. A file that is replaced keeps its permissions.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or ends in a directory separator.</exception>
    /// <exception cref="UnauthorizedAccessException">The target is read-only (refused before anything is written, as
    /// <see cref="File.WriteAllBytes(string, byte[])"/> refuses it), or the directory cannot be written.</exception>
    /// <exception cref="IOException">The file cannot be written or replaced (the target is a directory, the
    /// directory is missing, the disk is full); the old target is unchanged. Every message names <paramref name="path"/>.</exception>
    public void Save(string path) => AtomicFile.Write(path, WriteTo, BeforeReplace);

    /// <summary>
    /// Product of <paramref name="shape"/>; throws an <see cref="ArgumentException"/> naming
    /// <paramref name="paramName"/> for a negative dimension or a count beyond 64 bits.
    /// </summary>
    internal static long ElementCount(ReadOnlySpan<int> shape, string paramName)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException(
                    $"{paramName} {TensorInfo.FormatShape(shape)} has a negative dimension; dimensions must be 0 or more.", paramName);
            }
            if (dim != 0 && count > long.MaxValue / dim)
                throw new ArgumentException($"{paramName} {TensorInfo.FormatShape(shape)} has more elements than fit in 64 bits.", paramName);
            count *= dim;
        }
        return count;
    }

    private void CheckTensor(string name, ReadOnlySpan<int> shape, int length, int elementSize)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new ArgumentException("name is empty; every tensor needs a name such as \"0.weight\".", nameof(name));
        if (name == SafeTensorsHeader.MetadataKey)
            throw new ArgumentException($"name '{name}' is reserved for the header's metadata; choose another tensor name.", nameof(name));
        CheckEncodable(name, nameof(name));
        if (_names.Contains(name))
            throw new ArgumentException($"A tensor named '{name}' was already added; tensor names must be unique.", nameof(name));
        long count = ElementCount(shape, nameof(shape));
        if (count != length)
        {
            throw new ArgumentException(
                $"data has {length} elements; expected {count} (the product of shape {TensorInfo.FormatShape(shape)}) for tensor '{name}'.",
                "data");
        }
        if (count > Array.MaxLength / elementSize)
            throw new ArgumentException($"tensor '{name}' has {count} elements; at most {Array.MaxLength / elementSize} fit in one buffer.", "data");
    }

    private static void CheckEncodable(string text, string paramName)
    {
        try
        {
            StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{paramName} '{text}' holds an unpaired surrogate; expected valid UTF-16 text.", paramName, e);
        }
    }

    private void Append(string name, SafeTensorsDType dtype, ReadOnlySpan<int> shape, byte[] data)
    {
        _names.Add(name);
        _tensors.Add(new Entry(name, dtype, shape.ToArray(), data));
    }

    private byte[] BuildHeader(Entry[] dataOrder)
    {
        var offsets = new Dictionary<string, long>(dataOrder.Length, StringComparer.Ordinal);
        long offset = 0;
        foreach (Entry tensor in dataOrder)
        {
            offsets.Add(tensor.Name, offset);
            offset += tensor.Data.Length;
        }

        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps names readable (e.g. '+' or non-ASCII); the header is never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach ((string key, string value) in _metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            foreach (Entry tensor in _tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.ToHeaderName());
                json.WriteStartArray("shape");
                foreach (int dim in tensor.Shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offsets[tensor.Name]);
                json.WriteNumberValue(offsets[tensor.Name] + tensor.Data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }

        int padding = (8 - buffer.WrittenCount % 8) % 8;
        byte[] header = new byte[buffer.WrittenCount + padding];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private sealed record Entry(string Name, SafeTensorsDType DType, int[] Shape, byte[] Data);
}
