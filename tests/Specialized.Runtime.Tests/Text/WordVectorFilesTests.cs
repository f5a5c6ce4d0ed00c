using System.Text;
using Specialized.Text;

namespace Specialized.Tests.Text;

public sealed class WordVectorFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("w2v-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static WordVectors Sample() =>
        new(["the", "darcy's", "élan", "a"], [0.1f, -2.5e-8f, 3f, 1f / 3, float.Epsilon, -0f, 1e30f, 0.7f, -1, 2, -3, 4], dimension: 3);

    [Theory]
    [InlineData(WordVectorFormat.Text)]
    [InlineData(WordVectorFormat.Binary)]
    [InlineData(WordVectorFormat.SafeTensors)]
    public void Every_format_round_trips_words_and_bits(WordVectorFormat format)
    {
        WordVectors original = Sample();
        string path = Path.Combine(_directory, $"vectors.{format}");
        original.Save(path, format);
        WordVectors loaded = WordVectors.Load(path, format);
        Assert.Equal(original.Words, loaded.Words);
        Assert.Equal(original.Dimension, loaded.Dimension);
        Assert.Equal(original.AllVectors.ToArray(), loaded.AllVectors.ToArray());
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void Text_and_binary_files_have_the_word2vec_layout()
    {
        WordVectors vectors = new(["x", "y"], [1f, 0.5f, -2f, 0.25f], dimension: 2);
        string text = Path.Combine(_directory, "v.txt"), binary = Path.Combine(_directory, "v.bin");
        vectors.Save(text, WordVectorFormat.Text);
        vectors.Save(binary, WordVectorFormat.Binary);
        Assert.Equal("2 2\nx 1 0.5\ny -2 0.25\n", File.ReadAllText(text));
        byte[] bytes = File.ReadAllBytes(binary);
        Assert.Equal("2 2\nx ", Encoding.ASCII.GetString(bytes, 0, 6));
        Assert.Equal(1f, BitConverter.ToSingle(bytes, 6));
        Assert.Equal((byte)'\n', bytes[14]);
        Assert.Equal(6 + 8 + 1 + 2 + 8 + 1, bytes.Length);
    }

    public static TheoryData<WordVectorFormat, string> Damage() => new()
    {
        { WordVectorFormat.Text, "truncate" },
        { WordVectorFormat.Text, "bad number" },
        { WordVectorFormat.Text, "bad header" },
        { WordVectorFormat.Binary, "truncate" },
        { WordVectorFormat.Binary, "bad header" },
        { WordVectorFormat.Binary, "extra bytes" },
        { WordVectorFormat.SafeTensors, "truncate" },
        { WordVectorFormat.SafeTensors, "bad header" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void Damaged_files_are_refused_with_the_file_named(WordVectorFormat format, string damage)
    {
        string path = Path.Combine(_directory, "damaged");
        Sample().Save(path, format);
        byte[] bytes = File.ReadAllBytes(path);
        byte[] damaged = damage switch
        {
            "truncate" => bytes[..(bytes.Length - 7)],
            "bad number" => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("0.1 ", "0.1x ")),
            "bad header" when format == WordVectorFormat.SafeTensors => [.. bytes[..8], (byte)'[', .. bytes[9..]],
            "bad header" => [(byte)'x', .. bytes[1..]],
            "extra bytes" => [.. bytes, 1, 2, 3],
            _ => throw new ArgumentException(damage),
        };
        File.WriteAllBytes(path, damaged);
        var error = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path, format));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Safetensors_without_a_vocabulary_is_refused()
    {
        string path = Path.Combine(_directory, "plain.safetensors");
        var writer = new Specialized.IO.SafeTensorsWriter();
        writer.Add("vectors", [2, 2], [1f, 2, 3, 4]);
        writer.Save(path);
        var error = Assert.Throws<InvalidDataException>(() => WordVectors.Load(path, WordVectorFormat.SafeTensors));
        Assert.Contains("vocabulary", error.Message);
    }

    [Fact]
    public void Words_with_spaces_cannot_go_to_the_word2vec_formats_but_can_to_safetensors()
    {
        WordVectors vectors = new(["new york", "x"], [1f, 2f], dimension: 1);
        Assert.Throws<InvalidOperationException>(() => vectors.Save(Path.Combine(_directory, "v.txt"), WordVectorFormat.Text));
        string path = Path.Combine(_directory, "v.safetensors");
        vectors.Save(path, WordVectorFormat.SafeTensors);
        Assert.Equal(["new york", "x"], WordVectors.Load(path, WordVectorFormat.SafeTensors).Words);
    }
}
