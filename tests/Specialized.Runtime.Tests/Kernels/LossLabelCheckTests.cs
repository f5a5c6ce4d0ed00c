using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>
/// Labels are checked once per call at each public entry point. A model's training step checks them before its forward
/// pass and hands them to the losses' checked-label cores; the losses' own public entry points, which callers reach
/// without a model, still refuse a bad label with a message naming the argument, the row, the value and the range. (The
/// public entry points are the check followed by the cores, so the losses' own value and gradient tests cover the cores.)
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
}
