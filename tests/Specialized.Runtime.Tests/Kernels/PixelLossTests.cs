using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>Per-pixel softmax cross-entropy equals the row-wise loss on the pixels laid out as rows, and the segmentation metrics count right.</summary>
public class PixelLossTests
{
    [Fact]
    public void Per_pixel_loss_and_gradient_equal_the_row_loss_over_pixels_as_rows()
    {
        const int Rows = 3, Classes = 4, Positions = 7;
        var random = new Random(5);
        float[] scores = Enumerable.Range(0, Rows * Classes * Positions).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        int[] labels = Enumerable.Range(0, Rows * Positions).Select(_ => random.Next(Classes)).ToArray();
        var gradient = new float[scores.Length];
        float loss = PixelLoss.SoftmaxCrossEntropy(scores, Classes, Positions, labels, gradient);

        // The same pixels as rows [Rows·Positions, Classes]: the mean over rows is the mean over batch and pixels.
        var asRows = new float[scores.Length];
        for (int n = 0; n < Rows; n++)
            for (int c = 0; c < Classes; c++)
                for (int p = 0; p < Positions; p++) asRows[(n * Positions + p) * Classes + c] = scores[(n * Classes + c) * Positions + p];
        var rowGradient = new float[scores.Length];
        float expected = LossFunctions.Evaluate(Loss.SoftmaxCrossEntropy, asRows, Classes, labels, rowGradient);
        Assert.Equal(expected, loss, 5);
        for (int n = 0; n < Rows; n++)
            for (int c = 0; c < Classes; c++)
                for (int p = 0; p < Positions; p++)
                    Assert.Equal(rowGradient[(n * Positions + p) * Classes + c], gradient[(n * Classes + c) * Positions + p], 6);
    }

    [Fact]
    public void Wrong_label_count_names_the_expected_count()
    {
        var error = Assert.Throws<ArgumentException>(() => PixelLoss.SoftmaxCrossEntropy(new float[2 * 3 * 4], 3, 4, new int[7], new float[24]));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("4 per sample × 2 samples = 8", error.Message);
    }

    [Fact]
    public void Intersection_over_union_counts_each_class()
    {
        int[] truth = [0, 0, 1, 1, 2, 2];
        int[] predicted = [0, 1, 1, 1, 2, 0];
        double[] iou = SegmentationMetrics.IntersectionOverUnion(predicted, truth, 4);
        Assert.Equal(1.0 / 3, iou[0], 12); // class 0: 1 shared of {0, 1, 5}
        Assert.Equal(2.0 / 3, iou[1], 12); // class 1: 2 shared of {1, 2, 3}
        Assert.Equal(1.0 / 2, iou[2], 12); // class 2: 1 shared of {4, 5}
        Assert.True(double.IsNaN(iou[3]));  // absent in both
        Assert.Equal((1.0 / 3 + 2.0 / 3 + 0.5) / 3, SegmentationMetrics.MeanIntersectionOverUnion(predicted, truth, 4), 12);
        Assert.Equal(4.0 / 6, SegmentationMetrics.PixelAccuracy(predicted, truth), 12);
    }

    [Fact]
    public void Arg_max_of_pixels_reads_channel_major_scores()
    {
        // One sample, 2 classes, 3 pixels: class 1 wins at pixels 0 and 2.
        float[] scores = [0f, 5f, -1f, 1f, 2f, 0f];
        var result = new int[3];
        SegmentationMetrics.ArgMaxPixels(scores, 2, 3, result);
        Assert.Equal([1, 0, 1], result);
    }
}
