using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Specialized.IO;

namespace Specialized.Text;

/// <summary>
/// Reading and writing <see cref="WordVectors"/> in the word2vec text and binary formats and in
/// safetensors. Every file is checked completely on load: a damaged one is refused with an
/// <see cref="InvalidDataException"/> that names the file and where it went wrong.
/// </summary>
internal static class WordVectorFiles
{
    /// <summary>The safetensors tensor holding the vectors.</summary>
    public const string TensorName = "vectors";

    /// <summary>The safetensors metadata key holding the words, a JSON array in row order.</summary>
    public const string VocabularyKey = "vocabulary";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Save(WordVectors vectors, string path, WordVectorFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        switch (format)
        {
            case WordVectorFormat.Text:
                CheckWords(vectors);
                AtomicFile.Write(path, stream => WriteText(vectors, stream));
                break;
            case WordVectorFormat.Binary:
                CheckWords(vectors);
                AtomicFile.Write(path, stream => WriteBinary(vectors, stream));
                break;
            case WordVectorFormat.SafeTensors:
                var writer = new SafeTensorsWriter();
                writer.AddMetadata("format", "word2vec");
                writer.AddMetadata(VocabularyKey, JsonSerializer.Serialize(vectors.Words, WordListContext.Default.IReadOnlyListString));
                writer.Add(TensorName, [vectors.Count, vectors.Dimension], vectors.AllVectors);
                writer.Save(path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown word vector format.");
        }
    }

    public static WordVectors Load(string path, WordVectorFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return format switch
        {
            WordVectorFormat.Text => ReadText(File.ReadAllBytes(path), path),
            WordVectorFormat.Binary => ReadBinary(File.ReadAllBytes(path), path),
            WordVectorFormat.SafeTensors => ReadSafeTensors(SafeTensorsFile.Load(path)),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown word vector format."),
        };
    }

    private static void CheckWords(WordVectors vectors)
    {
        foreach (string word in vectors.Words)
        {
            if (word.Length == 0 || word.Any(char.IsWhiteSpace))
                throw new InvalidOperationException($"The word '{word}' is empty or holds white space, which the word2vec formats cannot store; save as safetensors instead.");
        }
    }

    private static void WriteText(WordVectors vectors, Stream stream)
    {
        using var writer = new StreamWriter(stream, StrictUtf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{vectors.Count} {vectors.Dimension}"));
        ReadOnlySpan<float> all = vectors.AllVectors;
        Span<char> number = stackalloc char[32];
        for (int w = 0; w < vectors.Count; w++)
        {
            writer.Write(vectors.Words[w]);
            foreach (float value in all.Slice(w * vectors.Dimension, vectors.Dimension))
            {
                writer.Write(' ');
                // Shortest text that reads back to the same float.
                value.TryFormat(number, out int written, "R", CultureInfo.InvariantCulture);
                writer.Write(number[..written]);
            }
            writer.Write('\n');
        }
    }

    private static void WriteBinary(WordVectors vectors, Stream stream)
    {
        stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{vectors.Count} {vectors.Dimension}\n")));
        ReadOnlySpan<float> all = vectors.AllVectors;
        var values = new byte[vectors.Dimension * sizeof(float)];
        for (int w = 0; w < vectors.Count; w++)
        {
            stream.Write(StrictUtf8.GetBytes(vectors.Words[w]));
            stream.WriteByte((byte)' ');
            for (int d = 0; d < vectors.Dimension; d++)
                BinaryPrimitives.WriteSingleLittleEndian(values.AsSpan(d * sizeof(float)), all[w * vectors.Dimension + d]);
            stream.Write(values);
            stream.WriteByte((byte)'\n');
        }
    }

    private static WordVectors ReadText(byte[] bytes, string source)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw Damaged(source, "it is not valid UTF-8 text", e);
        }
        string[] lines = text.Split('\n');
        (int count, int dimension) = ParseHeader(lines[0].TrimEnd('\r'), source);
        int present = lines.Length;
        while (present > 1 && lines[present - 1].Trim().Length == 0) present--;
        if (present - 1 != count)
            throw Damaged(source, $"the header announces {count} words but {present - 1} lines follow it (truncated or extended file)");
        var words = new string[count];
        var values = new float[(long)count * dimension];
        for (int w = 0; w < count; w++)
        {
            string[] parts = lines[w + 1].TrimEnd('\r').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != dimension + 1)
                throw Damaged(source, $"line {w + 2} has {parts.Length - 1} values after its word; expected {dimension}");
            words[w] = parts[0];
            for (int d = 0; d < dimension; d++)
            {
                if (!float.TryParse(parts[d + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out values[(long)w * dimension + d]))
                    throw Damaged(source, $"line {w + 2}, value {d + 1} is '{parts[d + 1]}', not a number");
            }
        }
        return Create(words, values, dimension, source);
    }

    private static WordVectors ReadBinary(byte[] bytes, string source)
    {
        int newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline < 0) throw Damaged(source, "it has no header line \"count dimension\"");
        (int count, int dimension) = ParseHeader(Encoding.ASCII.GetString(bytes, 0, newline).TrimEnd('\r'), source);
        var words = new string[count];
        var values = new float[(long)count * dimension];
        int position = newline + 1;
        for (int w = 0; w < count; w++)
        {
            // word2vec.c ends each vector with '\n'; gensim tolerates files without it, so skip it if present.
            while (position < bytes.Length && bytes[position] == (byte)'\n') position++;
            int space = Array.IndexOf(bytes, (byte)' ', position);
            if (space < 0 || space == position)
                throw Damaged(source, $"word {w + 1} of {count} is missing or empty at byte {position} (truncated file?)");
            try
            {
                words[w] = StrictUtf8.GetString(bytes, position, space - position);
            }
            catch (DecoderFallbackException e)
            {
                throw Damaged(source, $"word {w + 1} at byte {position} is not valid UTF-8", e);
            }
            position = space + 1;
            if ((long)bytes.Length - position < (long)dimension * sizeof(float))
                throw Damaged(source, $"the vector of word {w + 1} ('{words[w]}') is cut short: {bytes.Length - position} bytes left, {dimension * sizeof(float)} needed");
            for (int d = 0; d < dimension; d++, position += sizeof(float))
                values[(long)w * dimension + d] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(position));
        }
        while (position < bytes.Length && bytes[position] == (byte)'\n') position++;
        if (position != bytes.Length)
            throw Damaged(source, $"{bytes.Length - position} bytes follow the last of the {count} words the header announces");
        return Create(words, values, dimension, source);
    }

    private static WordVectors ReadSafeTensors(SafeTensorsFile file)
    {
        if (!file.Metadata.TryGetValue(VocabularyKey, out string? json))
            throw Damaged(file.SourceName, $"its metadata has no '{VocabularyKey}' entry (the words); it was not saved as word vectors");
        string[]? words;
        try
        {
            words = JsonSerializer.Deserialize(json, WordListContext.Default.StringArray);
        }
        catch (JsonException e)
        {
            throw Damaged(file.SourceName, $"the '{VocabularyKey}' metadata is not a JSON array of strings", e);
        }
        if (words is null || words.Length == 0 || words.Any(w => w is null))
            throw Damaged(file.SourceName, $"the '{VocabularyKey}' metadata is not a non-empty array of strings");
        TensorInfo info = file.GetInfo(TensorName);
        if (info.Rank != 2 || info.Shape[0] != words.Length || info.Shape[1] < 1)
            throw Damaged(file.SourceName, $"tensor '{TensorName}' has shape {info.ShapeText}; expected [{words.Length}, dimension] for the {words.Length} words of the metadata");
        int dimension = info.Shape[1];
        float[] values = file.ReadFloat32(TensorName);
        return Create(words, values, dimension, file.SourceName);
    }

    private static (int Count, int Dimension) ParseHeader(string header, string source)
    {
        string[] parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int dimension)
            || count < 1 || dimension < 1 || (long)count * dimension > Array.MaxLength)
        {
            throw Damaged(source, $"the first line is '{(header.Length > 60 ? header[..60] + "…" : header)}'; expected \"count dimension\", two positive integers");
        }
        return (count, dimension);
    }

    private static WordVectors Create(string[] words, float[] values, int dimension, string source)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in words)
        {
            if (!seen.Add(word)) throw Damaged(source, $"the word '{word}' appears twice");
        }
        return new WordVectors(words, values, dimension);
    }

    private static InvalidDataException Damaged(string source, string problem, Exception? inner = null) =>
        new($"'{source}' is not a valid word vectors file: {problem}.", inner);
}
