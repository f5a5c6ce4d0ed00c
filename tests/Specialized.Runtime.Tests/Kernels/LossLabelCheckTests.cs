using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>
/// Labels are checked once per call at each public entry point. A model's training step checks them before its forward
/// pass and hands them to the losses' checked-label cores; the losses' own public entry points, which callers reach
/// without a model, still refuse a bad label with a message naming the argument, the row, the value and the range; and
/// the cores compute exactly what the public entry points compute.
/// </summary>
public sealed class LossLabelCheckTests
{
    public static TheoryData<Loss, int, int, string> BadLabels() => new()
    {
        { Loss.SoftmaxCrossEntropy, 3, 3, "labels[1] is 3; labels must be class indices [0, 3)." },
        { Loss.SoftmaxCrossEntropy, 3, -1, "labels[1] is -1; labels must be class indices [0, 3)." },
        { Loss.Hinge, 3, 7, "labels[1] is 7; labels must be class indices [0, 3)." },
        { Loss.BinaryCrossEntropy, 1, 2, "labels[1] is 2; labels must be class indices [0, 2)." },
    };

    [Theory]
    [MemberData(nameof(BadLabels))]
    public void The_loss_called_directly_refuses_a_label_outside_the_classes_naming_its_row_and_the_range(Loss loss, int width, int label, string message)
    {
        var outputs = new float[3 * width];
        var error = Assert.Throws<ArgumentException>(() => LossFunctions.Evaluate(loss, outputs, width, [0, label, 0], new float[outputs.Length]));
        Assert.Equal("labels", error.ParamName);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void The_pixel_loss_called_directly_refuses_a_pixel_label_outside_the_classes_naming_its_sample_pixel_and_the_range()
    {
        const int Rows = 2, Classes = 3, Positions = 4;
        var labels = new int[Rows * Positions];
        labels[6] = Classes;
        var error = Assert.Throws<ArgumentException>(() => PixelLoss.SoftmaxCrossEntropy(new float[Rows * Classes * Positions], Classes, Positions, labels, new float[Rows * Classes * Positions]));
        Assert.Equal("labels", error.ParamName);
        Assert.StartsWith("labels[6] (sample 1, pixel 2) is 3; labels must be class indices [0, 3).", error.Message);
    }

    [Theory]
    [InlineData(Loss.SoftmaxCrossEntropy, 5)]
    [InlineData(Loss.Hinge, 5)]
    [InlineData(Loss.BinaryCrossEntropy, 1)]
    public void The_checked_label_core_gives_the_public_losss_value_and_gradient_bit_for_bit(Loss loss, int width)
    {
        const int Rows = 7;
        var random = new Random(width);
        float[] outputs = [.. Enumerable.Range(0, Rows * width).Select(_ => (float)(random.NextDouble() * 6 - 3))];
        int[] labels = [.. Enumerable.Range(0, Rows).Select(_ => random.Next(LossFunctions.LabelClasses(loss, width)))];
        float[] expected = new float[outputs.Length], actual = new float[outputs.Length];
        float expectedLoss = LossFunctions.Evaluate(loss, outputs, width, labels, expected);
        float actualLoss = LossFunctions.EvaluateCheckedLabels(loss, outputs, width, labels, actual);
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(actualLoss));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_checked_label_pixel_core_gives_the_public_pixel_losss_value_and_gradient_bit_for_bit()
    {
        const int Rows = 3, Classes = 4, Positions = 5;
        var random = new Random(9);
        float[] scores = [.. Enumerable.Range(0, Rows * Classes * Positions).Select(_ => (float)(random.NextDouble() * 6 - 3))];
        int[] labels = [.. Enumerable.Range(0, Rows * Positions).Select(_ => random.Next(Classes))];
        float[] expected = new float[scores.Length], actual = new float[scores.Length];
        float expectedLoss = PixelLoss.SoftmaxCrossEntropy(scores, Classes, Positions, labels, expected);
        float actualLoss = PixelLoss.SoftmaxCrossEntropyOfCheckedLabels(scores, Classes, Positions, labels, actual);
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(actualLoss));
        Assert.Equal(expected, actual);
    }
}
