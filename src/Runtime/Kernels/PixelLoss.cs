namespace Specialized.Kernels;

/// <summary>
/// Softmax cross-entropy per pixel, as PyTorch's <c>CrossEntropyLoss</c> on scores <c>[B, C, H, W]</c> and
/// class maps <c>[B, H, W]</c>: every pixel of every sample is one classification over the C channels, and
/// the loss is the mean over the batch and all pixels. A sample's scores are channel-major, so one pixel's
/// C scores lie <c>positions</c> floats apart. Sums run in double.
/// </summary>
public static class PixelLoss
{
    /// <summary>
    /// The mean per-pixel softmax cross-entropy of <paramref name="scores"/> (rows × classes × positions)
    /// against <paramref name="labels"/> (rows × positions class indices), and its gradient with respect
    /// to every score in <paramref name="gradient"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size does not fit or a label is outside [0, classes).</exception>
    public static float SoftmaxCrossEntropy(ReadOnlySpan<float> scores, int classes, int positions, ReadOnlySpan<int> labels, Span<float> gradient)
    {
        CheckLabels(scores, classes, positions, labels, nameof(labels));
        Require.Length<float>(gradient, scores.Length, nameof(gradient), "same shape as the scores");
        return SoftmaxCrossEntropyOfCheckedLabels(scores, classes, positions, labels, gradient);
    }

    /// <summary>
    /// <see cref="SoftmaxCrossEntropy"/> for a caller that has already checked every size and every label with
    /// <see cref="CheckLabels(int, int, int, ReadOnlySpan{int}, string)"/> at its own public boundary (a model's training
    /// step checks them before its forward pass), so a step checks its labels once.
    /// </summary>
    internal static float SoftmaxCrossEntropyOfCheckedLabels(ReadOnlySpan<float> scores, int classes, int positions, ReadOnlySpan<int> labels, Span<float> gradient)
    {
        int rows = labels.Length / positions;
        int sampleSize = classes * positions;
        float scale = 1f / ((float)rows * positions);
        double sum = 0;
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<float> sample = scores.Slice(n * sampleSize, sampleSize);
            Span<float> g = gradient.Slice(n * sampleSize, sampleSize);
            for (int p = 0; p < positions; p++)
            {
                float max = sample[p];
                for (int c = 1; c < classes; c++) max = Math.Max(max, sample[c * positions + p]);
                double total = 0;
                for (int c = 0; c < classes; c++) total += Math.Exp(sample[c * positions + p] - max);
                int label = labels[n * positions + p];
                sum += max + Math.Log(total) - sample[label * positions + p];
                for (int c = 0; c < classes; c++)
                    g[c * positions + p] = (float)(Math.Exp(sample[c * positions + p] - max) / total) * scale;
                g[label * positions + p] -= scale;
            }
        }
        return (float)(sum / ((double)rows * positions));
    }

    /// <summary>
    /// Checks that <paramref name="labels"/> hold one class index in [0, <paramref name="classes"/>) per pixel of
    /// every sample of <paramref name="scores"/>; returns the number of samples.
    /// </summary>
    /// <exception cref="ArgumentException">A size does not fit or a label is outside [0, classes) (the message names the expected count).</exception>
    public static int CheckLabels(ReadOnlySpan<float> scores, int classes, int positions, ReadOnlySpan<int> labels, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(positions, 1);
        int rows = Require.Rows(scores, classes * positions, nameof(scores));
        return CheckLabels(rows, classes, positions, labels, paramName);
    }

    /// <summary>Checks that <paramref name="labels"/> hold <paramref name="rows"/> × <paramref name="positions"/> class indices in [0, <paramref name="classes"/>).</summary>
    /// <exception cref="ArgumentException">A size does not fit or a label is outside [0, classes) (the message names the expected count).</exception>
    public static int CheckLabels(int rows, int classes, int positions, ReadOnlySpan<int> labels, string paramName)
    {
        if (labels.Length != (long)rows * positions)
            throw new ArgumentException(
                $"{paramName} has {labels.Length} labels; a model with per-pixel outputs takes one class index per pixel: {positions} per sample × {rows} samples = {(long)rows * positions}.", paramName);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"{paramName}[{i}] (sample {i / positions}, pixel {i % positions}) is {labels[i]}; labels must be class indices [0, {classes}).", paramName);
        }
        return rows;
    }
}
