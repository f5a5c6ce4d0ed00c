using Specialized.Kernels;

namespace Specialized;

/// <summary>
/// Quality of per-pixel classification (semantic segmentation): the predicted class map of a model whose
/// output is an image of class scores <c>[C, H, W]</c>, per-pixel accuracy, per-class intersection over
/// union and its mean, as the segmentation literature reports them (FCN, U-Net).
/// </summary>
public static class SegmentationMetrics
{
    /// <summary>
    /// The arg-max class of every pixel of every sample: <paramref name="scores"/> holds samples of
    /// <paramref name="classes"/> channels of <paramref name="positions"/> pixels each; <paramref name="result"/>
    /// receives samples × positions class indices (ties go to the lower class).
    /// </summary>
    public static void ArgMaxPixels(ReadOnlySpan<float> scores, int classes, int positions, Span<int> result)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(positions, 1);
        int rows = Require.Rows(scores, classes * positions, nameof(scores));
        Require.Length<int>(result, rows * positions, nameof(result), "one class per pixel");
        for (int n = 0; n < rows; n++)
        {
            ReadOnlySpan<float> sample = scores.Slice(n * classes * positions, classes * positions);
            for (int p = 0; p < positions; p++)
            {
                int best = 0;
                float top = sample[p];
                for (int c = 1; c < classes; c++)
                {
                    float value = sample[c * positions + p];
                    if (value > top) (top, best) = (value, c);
                }
                result[n * positions + p] = best;
            }
        }
    }

    /// <summary>The predicted class map of every sample of <paramref name="inputs"/> (samples × <c>TModel.LabelsPerSample</c>).</summary>
    /// <exception cref="ArgumentException">The model's output is not per-pixel, or the inputs are not whole samples.</exception>
    public static int[] PredictPixels<TModel>(TModel model, ReadOnlySpan<float> inputs) where TModel : class, IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        int positions = TModel.LabelsPerSample;
        if (positions <= 1)
            throw new ArgumentException($"{typeof(TModel).Name} has one label per sample; per-pixel prediction needs a model whose output is an image of class scores [C, H, W] with softmax cross-entropy.", nameof(model));
        int rows = ModelChecks.BatchOf(inputs, TModel.InputSize);
        var outputs = new float[checked(rows * TModel.OutputSize)];
        model.Forward(inputs, outputs);
        var predicted = new int[rows * positions];
        ArgMaxPixels(outputs, TModel.OutputSize / positions, positions, predicted);
        return predicted;
    }

    /// <summary>The fraction of pixels whose predicted class equals the true one.</summary>
    public static double PixelAccuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> truth) => Metrics.Accuracy(predicted, truth);

    /// <summary>
    /// Intersection over union of each class, <c>|predicted ∩ truth| / |predicted ∪ truth|</c> over all pixels;
    /// NaN for a class that occurs in neither.
    /// </summary>
    public static double[] IntersectionOverUnion(ReadOnlySpan<int> predicted, ReadOnlySpan<int> truth, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        Require.Length(predicted, truth.Length, nameof(predicted), "one prediction per true label");
        var intersection = new long[classes];
        var union = new long[classes];
        for (int i = 0; i < truth.Length; i++)
        {
            int p = predicted[i], t = truth[i];
            if ((uint)p >= (uint)classes || (uint)t >= (uint)classes)
                throw new ArgumentException($"pixel {i} has predicted class {p} and true class {t}; both must be in [0, {classes}).", nameof(predicted));
            if (p == t)
            {
                intersection[t]++;
                union[t]++;
            }
            else
            {
                union[p]++;
                union[t]++;
            }
        }
        var iou = new double[classes];
        for (int c = 0; c < classes; c++) iou[c] = union[c] == 0 ? double.NaN : (double)intersection[c] / union[c];
        return iou;
    }

    /// <summary>The mean intersection over union over the classes that occur in the prediction or the truth.</summary>
    public static double MeanIntersectionOverUnion(ReadOnlySpan<int> predicted, ReadOnlySpan<int> truth, int classes)
    {
        double sum = 0;
        int count = 0;
        foreach (double value in IntersectionOverUnion(predicted, truth, classes))
        {
            if (double.IsNaN(value)) continue;
            sum += value;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }
}
