namespace Specialized;

/// <summary>
/// Random shifts (zero fill) and optional horizontal flips of images <c>[C, H, W]</c>, per sample,
/// the same for every channel of a sample. Shifting by whole pixels is exact and cheap: a row copy per
/// row of each channel. Digits are not mirror-symmetric, so flips are off unless asked for.
/// </summary>
public sealed class ImageAugmentation : IBatchAugmentation
{
    private readonly float[] _sample;

    /// <summary>Augments images of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>.</summary>
    /// <param name="channels">Channels per image.</param>
    /// <param name="height">Rows per channel.</param>
    /// <param name="width">Columns per row.</param>
    /// <param name="maxShift">Largest shift in pixels along each axis (each sample draws dx, dy in [−maxShift, maxShift]).</param>
    /// <param name="flipHorizontally">Mirror left-right with probability ½.</param>
    public ImageAugmentation(int channels, int height, int width, int maxShift = 1, bool flipHorizontally = false)
    {
        Require.InRange(channels, 1, int.MaxValue);
        Require.InRange(height, 1, int.MaxValue);
        Require.InRange(width, 1, int.MaxValue);
        if (maxShift < 0 || maxShift >= Math.Max(height, width))
            throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, $"maxShift must be between 0 and the image's larger side minus one ({Math.Max(height, width) - 1}).");
        Channels = channels;
        Height = height;
        Width = width;
        MaxShift = maxShift;
        FlipHorizontally = flipHorizontally;
        _sample = new float[checked(channels * height * width)];
    }

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Rows per channel.</summary>
    public int Height { get; }

    /// <summary>Columns per row.</summary>
    public int Width { get; }

    /// <summary>Largest shift in pixels.</summary>
    public int MaxShift { get; }

    /// <summary>Whether images are mirrored left-right with probability ½.</summary>
    public bool FlipHorizontally { get; }

    /// <inheritdoc/>
    public void Apply(Span<float> batch, int rows, int sampleSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (sampleSize != _sample.Length)
            throw new ArgumentException($"sampleSize is {sampleSize}; this augmentation is for images of {Channels} × {Height} × {Width} = {_sample.Length} floats.", nameof(sampleSize));
        if (rows < 0 || batch.Length < (long)rows * sampleSize)
            throw new ArgumentException($"batch has {batch.Length} floats; expected at least {(long)rows * sampleSize} ({rows} rows of {sampleSize}).", nameof(batch));
        for (int r = 0; r < rows; r++)
        {
            int dx = random.Next(-MaxShift, MaxShift + 1), dy = random.Next(-MaxShift, MaxShift + 1);
            bool flip = FlipHorizontally && random.Next(2) == 1;
            if (dx == 0 && dy == 0 && !flip) continue;
            Span<float> image = batch.Slice(r * sampleSize, sampleSize);
            image.CopyTo(_sample);
            Transform(_sample, image, dx, dy, flip);
        }
    }

    // destination[c, y, x] = source[c, y − dy, x' − dx] with x' the mirrored column when flipping; zero outside.
    private void Transform(ReadOnlySpan<float> source, Span<float> destination, int dx, int dy, bool flip)
    {
        destination.Clear();
        int plane = Height * Width;
        for (int c = 0; c < Channels; c++)
        {
            for (int y = Math.Max(0, dy); y < Math.Min(Height, Height + dy); y++)
            {
                ReadOnlySpan<float> from = source.Slice(c * plane + (y - dy) * Width, Width);
                Span<float> to = destination.Slice(c * plane + y * Width, Width);
                int first = Math.Max(0, dx), last = Math.Min(Width, Width + dx);
                if (!flip)
                {
                    from.Slice(first - dx, last - first).CopyTo(to.Slice(first, last - first));
                    continue;
                }
                for (int x = first; x < last; x++) to[x] = from[Width - 1 - (x - dx)];
            }
        }
    }
}
