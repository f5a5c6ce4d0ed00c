using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Specialized.IO;

namespace Specialized.Runtime.Tests.IO;

public class SafeTensorsRoundTripTests
{
    [Fact]
    public void Written_tensors_read_back_bit_exact_including_special_values()
    {
        float[] weight = new float[3 * 5];
        var random = new Random(7);
        for (int i = 0; i < weight.Length; i++) weight[i] = (float)(random.NextDouble() * 2 - 1);
        weight[0] = -0f;
        weight[1] = float.NaN;
        weight[2] = float.PositiveInfinity;
        weight[3] = float.Epsilon;
        weight[4] = BitConverter.Int32BitsToSingle(0x7FC0_1234); // NaN with a payload
        long[] counts = [long.MinValue, -1, 0, 1, long.MaxValue];

        var writer = new SafeTensorsWriter();
        writer.Add("0.weight", [3, 5], weight);
        writer.AddInt64("1.num_batches_tracked", [5], counts);
        writer.Add("scalar", [], [42.5f]);
        writer.Add("empty", [0, 4], []);

        SafeTensorsFile file = SafeTensorsFile.Parse(writer.ToBytes(), "roundtrip");

        Assert.Equal(["0.weight", "1.num_batches_tracked", "scalar", "empty"], file.Names);
        var read = new float[15];
        file.ReadFloat32("0.weight", [3, 5], read);
        Assert.Equal(weight.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(counts, file.ReadInt64("1.num_batches_tracked"));
        Assert.Equal([42.5f], file.ReadFloat32("scalar"));
        Assert.Equal(0, file.GetInfo("scalar").Rank);
        Assert.Equal([0, 4], file.GetInfo("empty").Shape.ToArray());
        Assert.Empty(file.ReadFloat32("empty"));
    }

    [Fact]
    public void Metadata_round_trips_including_non_ascii_and_quotes()
    {
        var writer = new SafeTensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.AddMetadata("declaration", "[Dense(10, \"relu\")] größe → ✓");
        writer.Add("w", [2], [1f, 2f]);

        SafeTensorsFile file = SafeTensorsFile.Parse(writer.ToBytes(), "meta");

        Assert.Equal(2, file.Metadata.Count);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("[Dense(10, \"relu\")] größe → ✓", file.Metadata["declaration"]);
    }

    [Fact]
    public void File_without_metadata_has_empty_metadata()
    {
        var writer = new SafeTensorsWriter();
        writer.Add("w", [1], [1f]);

        Assert.Empty(SafeTensorsFile.Parse(writer.ToBytes(), "plain").Metadata);
    }

    [Fact]
    public void Written_header_follows_the_reference_layout()
    {
        var writer = new SafeTensorsWriter();
        writer.AddMetadata("format", "pt");
        writer.Add("b", [3], [1f, 2f, 3f]);
        writer.Add("a", [1, 2], [4f, 5f]);
        byte[] bytes = writer.ToBytes();

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        string json = header.TrimEnd(' ');
        Assert.EndsWith("}", json);
        Assert.InRange(header.Length - json.Length, 0, 7); // padded with spaces only, to the next multiple of 8

        using JsonDocument document = JsonDocument.Parse(header);
        var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["__metadata__", "b", "a"], keys); // insertion order, metadata first
        Assert.Equal("F32", document.RootElement.GetProperty("a").GetProperty("dtype").GetString());
        Assert.Equal([12, 20], document.RootElement.GetProperty("a").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(8 + (int)headerLength + 20, bytes.Length);
        Assert.Equal(5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)headerLength + 16)));
    }

    [Fact]
    public void Data_buffer_puts_larger_elements_first_so_every_tensor_is_aligned()
    {
        var writer = new SafeTensorsWriter();
        writer.Add("0.bias", [3], [1f, 2f, 3f]);
        writer.AddInt64("1.num_batches_tracked", [], [5]);
        writer.Add("2.bias", [1], [4f]);

        SafeTensorsFile file = SafeTensorsFile.Parse(writer.ToBytes(), "aligned");

        Assert.Equal(["0.bias", "1.num_batches_tracked", "2.bias"], file.Names); // header keeps insertion order
        Assert.Equal(0, file.GetInfo("1.num_batches_tracked").DataOffset); // an I64 after 3 floats would sit at byte 12
        Assert.Equal(8, file.GetInfo("0.bias").DataOffset);
        Assert.Equal(20, file.GetInfo("2.bias").DataOffset);
        Assert.Equal([5L], file.ReadInt64("1.num_batches_tracked"));
        Assert.Equal([4f], file.ReadFloat32("2.bias"));
    }

    [Fact]
    public void Fixture_rewritten_through_the_writer_reads_back_identical()
    {
        SafeTensorsFile original = SafeTensorsFile.Load(SafeTensorsBytes.FixturePath("mlp_mixed"));
        var writer = new SafeTensorsWriter();
        foreach ((string key, string value) in original.Metadata) writer.AddMetadata(key, value);
        foreach (string name in original.Names)
        {
            TensorInfo info = original.GetInfo(name);
            if (info.DType == SafeTensorsDType.Int64) writer.AddInt64(name, info.Shape, original.ReadInt64(name));
            else writer.Add(name, info.Shape, original.ReadFloat32(name));
        }

        SafeTensorsFile copy = SafeTensorsFile.Parse(writer.ToBytes(), "copy");

        Assert.Equal(original.Names, copy.Names);
        Assert.Equal(original.Metadata, copy.Metadata);
        foreach (string name in original.Names)
        {
            Assert.Equal(original.GetInfo(name).Shape.ToArray(), copy.GetInfo(name).Shape.ToArray());
            Assert.Equal(original.ReadFloat32(name), copy.ReadFloat32(name));
        }
    }

    [Fact]
    public void Float64_float16_and_bfloat16_tensors_convert_to_float32()
    {
        var data = new byte[2 * 8 + 2 * 2 + 2 * 2];
        BinaryPrimitives.WriteDoubleLittleEndian(data, 0.1);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), -3.0);
        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(16), (Half)1.5);
        BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(18), (Half)(-0.25));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(20), (ushort)(BitConverter.SingleToUInt32Bits(2.5f) >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(22), (ushort)(BitConverter.SingleToUInt32Bits(-1f) >> 16));
        string header = """
            {"d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},
             "h":{"dtype":"F16","shape":[2],"data_offsets":[16,20]},
             "b":{"dtype":"BF16","shape":[2],"data_offsets":[20,24]}}
            """;

        SafeTensorsFile file = SafeTensorsFile.Parse(SafeTensorsBytes.Build(header, data), "mixed-dtypes");

        Assert.Equal([0.1f, -3f], file.ReadFloat32("d")); // 0.1 rounds to the nearest float, as a cast does
        Assert.Equal([1.5f, -0.25f], file.ReadFloat32("h"));
        Assert.Equal([2.5f, -1f], file.ReadFloat32("b"));
    }

    [Fact]
    public void Narrow_integer_tensors_widen_to_int64()
    {
        var data = new byte[8 + 2 + 4];
        BinaryPrimitives.WriteInt32LittleEndian(data, -7);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), int.MaxValue);
        data[8] = 0xFF; // I8: -1
        data[9] = 0x80; // I8: -128
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(10), uint.MaxValue);
        string header = """
            {"i":{"dtype":"I32","shape":[2],"data_offsets":[0,8]},
             "s":{"dtype":"I8","shape":[2],"data_offsets":[8,10]},
             "u":{"dtype":"U32","shape":[1],"data_offsets":[10,14]}}
            """;

        SafeTensorsFile file = SafeTensorsFile.Parse(SafeTensorsBytes.Build(header, data), "ints");

        Assert.Equal([-7L, int.MaxValue], file.ReadInt64("i"));
        Assert.Equal([-1L, -128], file.ReadInt64("s"));
        Assert.Equal([(long)uint.MaxValue], file.ReadInt64("u"));
    }

    [Fact]
    public void Unknown_entry_keys_and_null_metadata_are_accepted_like_the_reference()
    {
        string header = """{"__metadata__":null,"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"future":{"x":[1,2]}}}""";

        SafeTensorsFile file = SafeTensorsFile.Parse(SafeTensorsBytes.Build(header, 4), "lenient");

        Assert.Equal(["w"], file.Names);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Writer_rejects_bad_names_shapes_and_lengths()
    {
        var writer = new SafeTensorsWriter();
        writer.Add("w", [2], [1f, 2f]);

        Assert.Equal("name", Assert.Throws<ArgumentException>(() => writer.Add("", [1], [1f])).ParamName);
        Assert.Contains("already added", Assert.Throws<ArgumentException>(() => writer.Add("w", [1], [1f])).Message);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => writer.Add("__metadata__", [1], [1f])).Message);
        Assert.Contains("unpaired surrogate", Assert.Throws<ArgumentException>(() => writer.Add("bad\ud800", [1], [1f])).Message);
        var length = Assert.Throws<ArgumentException>(() => writer.Add("x", [3, 4], new float[11]));
        Assert.Contains("data has 11 elements; expected 12 (the product of shape [3, 4]) for tensor 'x'", length.Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => writer.AddInt64("y", [-1], [])).Message);
        Assert.Contains("more elements than fit", Assert.Throws<ArgumentException>(() => writer.Add("z", [int.MaxValue, int.MaxValue, int.MaxValue], [])).Message);
        writer.AddMetadata("k", "v");
        Assert.Contains("already added", Assert.Throws<ArgumentException>(() => writer.AddMetadata("k", "other")).Message);

        // Nothing rejected was kept.
        Assert.Equal(1, writer.Count);
        Assert.Equal(["w"], SafeTensorsFile.Parse(writer.ToBytes(), "after-errors").Names);
    }
}
