using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Specialized.IO;

/// <summary>
/// Reads and validates the JSON header of a safetensors file. Everything the format promises is
/// checked here, before any tensor is read, so a file that passes can be sliced without further
/// checks. Accepts exactly the files the reference implementation (huggingface/safetensors) accepts:
/// tensors tile the data buffer with no gap, overlap or trailing byte.
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>The reference implementation's limit; a larger value means a corrupt or foreign file.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The header key that holds string-to-string metadata instead of a tensor.</summary>
    public const string MetadataKey = "__metadata__";

    public static InvalidDataException Error(string source, string problem, Exception? inner = null) =>
        new($"Safetensors file '{source}': {problem}", inner);

    /// <summary>
    /// Parses <paramref name="header"/> (the JSON bytes, possibly padded with spaces) and checks every
    /// entry against a data buffer of <paramref name="dataLength"/> bytes. Returns the tensors in header order.
    /// </summary>
    public static List<TensorInfo> Parse(ReadOnlySpan<byte> header, long dataLength, string source, Dictionary<string, string> metadata)
    {
        if (!Utf8.IsValid(header))
            throw Error(source, "the JSON header is not valid UTF-8.");

        var tensors = new List<TensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool sawMetadata = false;
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            Next(ref reader, source);
            if (reader.TokenType != JsonTokenType.StartObject)
                throw Error(source, $"the header is {Describe(reader.TokenType)}; expected a JSON object mapping tensor names to entries.");

            while (Next(ref reader, source) != JsonTokenType.EndObject)
            {
                string name = GetString(ref reader, source, "a header key");
                Next(ref reader, source);
                if (name == MetadataKey)
                {
                    if (sawMetadata)
                        throw Error(source, $"the header holds '{MetadataKey}' twice; expected it at most once.");
                    sawMetadata = true;
                    ReadMetadata(ref reader, source, metadata);
                    continue;
                }
                if (!names.Add(name))
                    throw Error(source, $"tensor '{name}' appears twice in the header; tensor names must be unique.");
                tensors.Add(ReadEntry(ref reader, name, dataLength, source));
            }

            // A complete object followed by anything but whitespace is not one JSON value.
            if (reader.Read())
                throw Error(source, $"the header holds {Describe(reader.TokenType)} after its closing brace; expected only padding spaces.");
        }
        catch (JsonException e)
        {
            throw Error(source, $"the header is not valid JSON ({e.Message}).", e);
        }

        CheckLayout(tensors, dataLength, source);
        return tensors;
    }

    private static TensorInfo ReadEntry(ref Utf8JsonReader reader, string name, long dataLength, string source)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(source, $"tensor '{name}' has {Describe(reader.TokenType)} as its entry; " +
                "expected an object with \"dtype\", \"shape\" and \"data_offsets\".");
        }

        SafeTensorsDType? dtype = null;
        int[]? shape = null;
        long begin = -1, end = -1;
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("dtype"u8))
            {
                if (dtype is not null) throw Twice(source, name, "dtype");
                dtype = ReadDType(ref reader, name, source);
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                if (shape is not null) throw Twice(source, name, "shape");
                shape = ReadShape(ref reader, name, source);
            }
            else if (reader.ValueTextEquals("data_offsets"u8))
            {
                if (begin >= 0) throw Twice(source, name, "data_offsets");
                (begin, end) = ReadOffsets(ref reader, name, source);
            }
            else
            {
                // Unknown keys are ignored, as the reference implementation does, so newer writers stay readable.
                Next(ref reader, source);
                reader.Skip();
            }
        }

        if (dtype is null) throw Missing(source, name, "dtype", "a string such as \"F32\"");
        if (shape is null) throw Missing(source, name, "shape", "an array of dimensions such as [128, 64]");
        if (begin < 0) throw Missing(source, name, "data_offsets", "an array [begin, end] of byte offsets into the data buffer");

        long elementCount = 1;
        long byteLength;
        try
        {
            foreach (int dim in shape) elementCount = checked(elementCount * dim);
            byteLength = checked(elementCount * dtype.Value.SizeInBytes());
        }
        catch (OverflowException)
        {
            throw Error(source, $"tensor '{name}' has shape {TensorInfo.FormatShape(shape)}, whose size overflows a 64-bit byte count.");
        }

        string offsets = $"data_offsets [{begin}, {end}]";
        if (end > dataLength)
        {
            throw Error(source, $"tensor '{name}' has {offsets}, but the data buffer holds only {dataLength} bytes; " +
                "the file is truncated or the offsets are wrong.");
        }
        if (end - begin != byteLength)
        {
            throw Error(source, $"tensor '{name}' has {offsets} ({end - begin} bytes), but shape {TensorInfo.FormatShape(shape)} " +
                $"of {dtype.Value.ToHeaderName()} needs {elementCount} × {dtype.Value.SizeInBytes()} = {byteLength} bytes.");
        }
        return new TensorInfo(name, dtype.Value, shape, elementCount, begin);
    }

    private static SafeTensorsDType ReadDType(ref Utf8JsonReader reader, string name, string source)
    {
        Next(ref reader, source);
        if (reader.TokenType != JsonTokenType.String)
            throw Error(source, $"tensor '{name}' has {Describe(reader.TokenType)} as its dtype; expected a string such as \"F32\".");
        string text = GetString(ref reader, source, $"the dtype of tensor '{name}'");
        if (!SafeTensorsDTypes.TryParseHeaderName(text, out SafeTensorsDType dtype))
            throw Error(source, $"tensor '{name}' has unknown dtype \"{text}\"; expected one of {SafeTensorsDTypes.AllHeaderNames}.");
        return dtype;
    }

    private static int[] ReadShape(ref Utf8JsonReader reader, string name, string source)
    {
        Next(ref reader, source);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw Error(source, $"tensor '{name}' has {Describe(reader.TokenType)} as its shape; expected an array of dimensions such as [128, 64].");
        var dims = new List<int>(4);
        while (Next(ref reader, source) != JsonTokenType.EndArray)
        {
            string where = $"tensor '{name}' has shape dimension {dims.Count}";
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long dim))
                throw Error(source, $"{where} = {DescribeValue(ref reader)}; expected a whole number of 0 or more.");
            if (dim < 0)
                throw Error(source, $"{where} = {dim}; dimensions must be 0 or more.");
            if (dim > int.MaxValue)
                throw Error(source, $"{where} = {dim}; this reader supports dimensions up to {int.MaxValue}.");
            dims.Add((int)dim);
        }
        return [.. dims];
    }

    private static (long Begin, long End) ReadOffsets(ref Utf8JsonReader reader, string name, string source)
    {
        const string expected = "expected [begin, end]: two whole numbers with 0 <= begin <= end";
        Next(ref reader, source);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw Error(source, $"tensor '{name}' has {Describe(reader.TokenType)} as its data_offsets; {expected}.");
        Span<long> values = stackalloc long[2];
        int count = 0;
        while (Next(ref reader, source) != JsonTokenType.EndArray)
        {
            if (count == 2)
                throw Error(source, $"tensor '{name}' has more than two data_offsets; {expected}.");
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                throw Error(source, $"tensor '{name}' has data_offsets[{count}] = {DescribeValue(ref reader)}; {expected}.");
            values[count++] = value;
        }
        if (count != 2)
            throw Error(source, $"tensor '{name}' has {count} data_offsets; {expected}.");
        if (values[0] > values[1])
            throw Error(source, $"tensor '{name}' has data_offsets [{values[0]}, {values[1]}], which end before they begin; {expected}.");
        return (values[0], values[1]);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, string source, Dictionary<string, string> metadata)
    {
        // The reference implementation writes no key at all or null when there is no metadata.
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Error(source, $"'{MetadataKey}' is {Describe(reader.TokenType)}; expected an object mapping strings to strings.");
        while (Next(ref reader, source) != JsonTokenType.EndObject)
        {
            string key = GetString(ref reader, source, "a metadata key");
            Next(ref reader, source);
            if (reader.TokenType != JsonTokenType.String)
                throw Error(source, $"metadata '{key}' is {Describe(reader.TokenType)}; expected a string (metadata maps strings to strings).");
            if (!metadata.TryAdd(key, GetString(ref reader, source, $"metadata '{key}'")))
                throw Error(source, $"metadata '{key}' appears twice; metadata keys must be unique.");
        }
    }

    /// <summary>
    /// Sorted by offset, the tensors must tile the data buffer exactly: each starts where the previous
    /// one ends and the last one ends at the end of the file.
    /// </summary>
    private static void CheckLayout(List<TensorInfo> tensors, long dataLength, string source)
    {
        var byOffset = tensors.ToArray();
        Array.Sort(byOffset, static (a, b) =>
        {
            int order = a.DataOffset.CompareTo(b.DataOffset);
            return order != 0 ? order : a.ByteLength.CompareTo(b.ByteLength);
        });

        long position = 0;
        TensorInfo? previous = null;
        foreach (TensorInfo tensor in byOffset)
        {
            if (tensor.DataOffset < position)
            {
                throw Error(source, $"tensors '{previous!.Name}' (bytes {previous.DataOffset} to {position}) and '{tensor.Name}' " +
                    $"(bytes {tensor.DataOffset} to {tensor.DataOffset + tensor.ByteLength}) overlap; expected each tensor to have its own bytes.");
            }
            if (tensor.DataOffset > position)
            {
                throw Error(source, $"bytes {position} to {tensor.DataOffset} of the data buffer belong to no tensor " +
                    $"(before tensor '{tensor.Name}'); expected the tensors to follow each other without gaps.");
            }
            position = tensor.DataOffset + tensor.ByteLength;
            previous = tensor;
        }
        if (position != dataLength)
        {
            throw Error(source, $"the data buffer holds {dataLength} bytes, but the tensors end at byte {position}; " +
                "expected no trailing bytes after the last tensor.");
        }
    }

    /// <summary>Advances to the next token; a header that ends early is invalid JSON.</summary>
    private static JsonTokenType Next(ref Utf8JsonReader reader, string source)
    {
        if (!reader.Read())
            throw Error(source, "the header ends before its JSON object is closed.");
        return reader.TokenType;
    }

    private static string GetString(ref Utf8JsonReader reader, string source, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // Escapes such as a lone "\ud800" are valid JSON syntax but no valid string.
            throw Error(source, $"{what} is not a valid string ({e.Message}).", e);
        }
    }

    private static string DescribeValue(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number
            ? System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan)
            : Describe(reader.TokenType);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static InvalidDataException Twice(string source, string name, string key) =>
        Error(source, $"tensor '{name}' has \"{key}\" twice; expected it once.");

    private static InvalidDataException Missing(string source, string name, string key, string expected) =>
        Error(source, $"tensor '{name}' has no \"{key}\"; expected {expected}.");
}
