using Specialized.IO;

namespace Specialized.Runtime.Tests.IO;

/// <summary>Corrupted files must fail with <see cref="InvalidDataException"/> only, never with whatever broke inside.</summary>
public class SafeTensorsFuzzTests
{
    [Theory]
    [InlineData("mlp_binary", 1)]
    [InlineData("mlp_mixed", 2)]
    public void Corrupted_fixture_either_parses_or_throws_InvalidDataException(string fixture, int seed)
    {
        byte[] original = File.ReadAllBytes(SafeTensorsBytes.FixturePath(fixture));
        int headerEnd = 8 + BitConverter.ToInt32(original, 0);
        var random = new Random(seed);
        int parsed = 0, rejected = 0;

        for (int trial = 0; trial < 400; trial++)
        {
            byte[] bytes = Corrupt(original, headerEnd, random);
            try
            {
                SafeTensorsFile file = SafeTensorsFile.Parse(bytes, "fuzz");
                // A file that parses must also read: every tensor's bytes lie inside the buffer.
                foreach (string name in file.Names)
                {
                    TensorInfo info = file.GetInfo(name);
                    if (info.DType is SafeTensorsDType.Float32 or SafeTensorsDType.Float64 or SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16)
                        Assert.Equal(info.ElementCount, file.ReadFloat32(name).Length);
                }
                parsed++;
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        // Both outcomes occur, so the corruptions exercise the validation rather than all failing at one check.
        Assert.True(parsed > 0, "no corrupted file parsed");
        Assert.True(rejected > 0, "no corrupted file was rejected");
    }

    /// <summary>A truncation, a few flipped bytes (mostly in the header, where the structure lives), or both.</summary>
    private static byte[] Corrupt(byte[] original, int headerEnd, Random random)
    {
        byte[] bytes = (byte[])original.Clone();
        int kind = random.Next(3);
        if (kind != 1)
        {
            int flips = random.Next(1, 4);
            for (int i = 0; i < flips; i++)
            {
                int at = random.Next(4) == 0 ? random.Next(bytes.Length) : random.Next(Math.Min(headerEnd, bytes.Length));
                bytes[at] = random.Next(2) == 0 ? (byte)random.Next(256) : (byte)"{}[],:\"0123456789-.eE \\"[random.Next(23)];
            }
        }
        if (kind != 0)
        {
            int length = random.Next(2) == 0 ? random.Next(Math.Min(headerEnd + 16, bytes.Length)) : random.Next(bytes.Length + 1);
            Array.Resize(ref bytes, length);
        }
        return bytes;
    }
}
