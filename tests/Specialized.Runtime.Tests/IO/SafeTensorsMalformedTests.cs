using System.Text;
using Specialized.IO;

namespace Specialized.Runtime.Tests.IO;

/// <summary>Every way a file can be wrong is an <see cref="InvalidDataException"/> naming the file, the tensor and the problem.</summary>
public class SafeTensorsMalformedTests
{
    private const string Source = "bad.safetensors";

    [Theory]
    // The JSON itself.
    [InlineData("{\"w\":", 0, "header")]
    [InlineData("{w: 1}", 0, "not valid JSON")]
    [InlineData("[1, 2]", 0, "the header is an array; expected a JSON object")]
    [InlineData("{} {}", 0, "not valid JSON")]
    [InlineData("{}\0\0\0", 0, "not valid JSON")]
    [InlineData("{\"\\ud800\":{}}", 0, "a header key is not a valid string")]
    [InlineData("{\"w\":5}", 0, "tensor 'w' has a number as its entry; expected an object")]
    // Missing fields and wrong JSON types.
    [InlineData("{\"w\":{\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has no \"dtype\"")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,24]}}", 24, "tensor 'w' has no \"shape\"")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3]}}", 24, "tensor 'w' has no \"data_offsets\"")]
    [InlineData("{\"w\":{\"dtype\":32,\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has a number as its dtype")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has \"dtype\" twice")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":\"2x3\",\"data_offsets\":[0,24]}}", 24, "tensor 'w' has a string as its shape")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,\"3\"],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has shape dimension 1 = a string")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has shape dimension 0 = 2.5")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":{\"a\":0}}}", 24, "tensor 'w' has an object as its data_offsets")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0]}}", 24, "tensor 'w' has 1 data_offsets; expected [begin, end]")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24,30]}}", 24, "tensor 'w' has more than two data_offsets")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[-1,24]}}", 24, "tensor 'w' has data_offsets[0] = -1")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,1e99]}}", 24, "tensor 'w' has data_offsets[1] = 1e99")]
    // Values that are well-typed but wrong.
    [InlineData("{\"w\":{\"dtype\":\"F31\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has unknown dtype \"F31\"; expected one of BOOL, U8")]
    [InlineData("{\"w\":{\"dtype\":\"f32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "unknown dtype \"f32\"")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2,3],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has shape dimension 0 = -2; dimensions must be 0 or more")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[3000000000],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has shape dimension 0 = 3000000000")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has shape [2147483647, 2147483647, 2147483647], whose size overflows")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[24,0]}}", 24, "tensor 'w' has data_offsets [24, 0], which end before they begin")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,24]}}", 24, "tensor 'w' has data_offsets [0, 24] (24 bytes), but shape [2, 2] of F32 needs 4 × 4 = 16 bytes")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[0,48]}}", 24, "tensor 'w' has data_offsets [0, 48], but the data buffer holds only 24 bytes")]
    // Truncated data buffer: the header is right, the bytes are not all there.
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", 20, "the data buffer holds only 20 bytes; the file is truncated")]
    // Layout of the data buffer.
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24, "tensors 'a' (bytes 0 to 16) and 'b' (bytes 8 to 24) overlap")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}", 24, "bytes 8 to 16 of the data buffer belong to no tensor (before tensor 'b')")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 24, "the data buffer holds 24 bytes, but the tensors end at byte 8")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16, "tensor 'w' appears twice")]
    // Metadata.
    [InlineData("{\"__metadata__\":{\"k\":1}}", 0, "metadata 'k' is a number; expected a string")]
    [InlineData("{\"__metadata__\":[\"k\"]}", 0, "'__metadata__' is an array; expected an object")]
    [InlineData("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}", 0, "metadata 'k' appears twice")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{}}", 0, "holds '__metadata__' twice")]
    public void Malformed_header_is_rejected_naming_file_tensor_and_problem(string header, int dataLength, string expected)
    {
        byte[] bytes = SafeTensorsBytes.Build(header, dataLength);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes, Source));

        Assert.StartsWith($"Safetensors file '{Source}': ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void File_shorter_than_the_length_field_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(new byte[5], Source));
        Assert.Contains("the file is 5 bytes long; expected at least 8", error.Message);
    }

    [Fact]
    public void Header_length_beyond_the_file_is_rejected()
    {
        byte[] bytes = SafeTensorsBytes.Build(1000, Encoding.UTF8.GetBytes("{}"), []);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes, Source));
        Assert.Contains("the header length field says 1000 bytes, but only 2 bytes follow it", error.Message);
    }

    [Theory]
    [InlineData(200_000_000UL)]
    [InlineData(ulong.MaxValue)]
    public void Absurd_header_length_is_rejected(ulong declared)
    {
        byte[] bytes = SafeTensorsBytes.Build(declared, Encoding.UTF8.GetBytes("{}"), []);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes, Source));
        Assert.Contains($"the header length field says {declared} bytes; expected at most 100000000", error.Message);
    }

    [Fact]
    public void Header_that_is_not_utf8_is_rejected()
    {
        byte[] header = [.. "{\"w"u8, 0xFF, 0xFE, .. "\":{}}"u8];
        byte[] bytes = SafeTensorsBytes.Build((ulong)header.Length, header, []);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes, Source));
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void Empty_header_object_is_a_valid_file_without_tensors()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(SafeTensorsBytes.Build("{}   ", 0), Source);

        Assert.Empty(file.Names);
        var error = Assert.Throws<InvalidDataException>(() => file.GetInfo("w"));
        Assert.Contains("tensor 'w' is missing; the file holds: no tensors", error.Message);
    }

    [Fact]
    public void Load_quotes_the_path_in_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"specialized-bad-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Build("[]", 0));
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Load(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
