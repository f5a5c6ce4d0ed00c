using System.Buffers.Binary;
using SkiaSharp;

namespace Specialized.Models.Tests.CommandLine;

/// <summary>Checks a PNG as a viewer would read it: the signature, the IHDR size, and the decoded pixels.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts that <paramref name="path"/> is a PNG of <paramref name="width"/> × <paramref name="height"/> with at least <paramref name="minimumColours"/> distinct colours; returns that count.</summary>
    public static int AssertValid(string path, int width, int height, int minimumColours = 2)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} is {bytes.Length} bytes, too short for a PNG header");
        Assert.Equal(Signature, bytes[..8]);
        // The first chunk of every PNG is IHDR: 4-byte length, the type, then width and height, big-endian.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));

        using SKBitmap? bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        int colours = bitmap.Pixels.Distinct().Count();
        Assert.True(colours >= minimumColours, $"{path} has {colours} distinct colours; expected at least {minimumColours}");
        return colours;
    }
}
