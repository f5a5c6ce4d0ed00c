namespace Specialized.Models.Sections;

/// <summary>
/// A seeded, generated segmentation data set: 16×16 grey images holding one to three filled circles and
/// squares on a background, with uniform noise of ±0.25 on every pixel, and the true class of every pixel
/// (0 background, 1 circle, 2 square). Circles are a little darker than squares (0.7 against 1.0), less
/// than the noise spans, so a pixel's value alone is ambiguous and the outline has to settle it.
/// </summary>
public static class ShapeImages
{
    /// <summary>Side of every image.</summary>
    public const int Side = 16;

    /// <summary>Classes: background, circle, square.</summary>
    public const int Classes = 3;

    // Mean brightness of each class before noise: background, circle, square.
    private static readonly float[] Brightness = [0f, 0.7f, 1f];

    /// <summary>Names of the classes, by index.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["background", "circle", "square"];

    /// <summary>
    /// <paramref name="count"/> images (count × 256 floats, channel-major [1, 16, 16]) and their class maps
    /// (count × 256 labels), the same for the same <paramref name="seed"/>.
    /// </summary>
    public static (float[] Images, int[] Masks) Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var images = new float[count * Side * Side];
        var masks = new int[count * Side * Side];
        for (int n = 0; n < count; n++)
        {
            Span<float> image = images.AsSpan(n * Side * Side, Side * Side);
            Span<int> mask = masks.AsSpan(n * Side * Side, Side * Side);
            int shapes = 1 + random.Next(3);
            for (int s = 0; s < shapes; s++)
            {
                bool circle = random.Next(2) == 0;
                if (circle)
                {
                    double radius = 2.2 + random.NextDouble() * 1.8;
                    double cx = 3 + random.NextDouble() * (Side - 7), cy = 3 + random.NextDouble() * (Side - 7);
                    for (int y = 0; y < Side; y++)
                    {
                        for (int x = 0; x < Side; x++)
                        {
                            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) mask[y * Side + x] = 1;
                        }
                    }
                }
                else
                {
                    int size = 4 + random.Next(4), left = random.Next(Side - size + 1), top = random.Next(Side - size + 1);
                    for (int y = top; y < top + size; y++)
                    {
                        for (int x = left; x < left + size; x++) mask[y * Side + x] = 2;
                    }
                }
            }
            for (int p = 0; p < Side * Side; p++)
                image[p] = Brightness[mask[p]] + (float)((random.NextDouble() - 0.5) * 0.5);
        }
        return (images, masks);
    }
}
