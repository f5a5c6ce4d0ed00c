using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>A NaN output or target makes every loss NaN, as in PyTorch: never a finite number, never an exception.</summary>
public sealed class LossNanTests
{
    public static TheoryData<Loss> TargetLosses() =>
        [Loss.MeanSquaredError, Loss.MeanAbsoluteError, Loss.BinaryCrossEntropy, Loss.Hinge, Loss.SoftmaxCrossEntropy];

    public static TheoryData<Loss, int> LabelLosses() => new()
    {
        { Loss.SoftmaxCrossEntropy, 3 },
        { Loss.Hinge, 3 },
        { Loss.BinaryCrossEntropy, 1 },
    };

    [Theory]
    [MemberData(nameof(TargetLosses))]
    public void A_nan_output_gives_a_nan_loss_with_float_targets(Loss loss)
    {
        float[] outputs = [float.NaN, 1, 2, 3, 0.5f, -1];
        float[] targets = [0.2f, 0.3f, 0.5f, 1, 0, 0];
        float result = LossFunctions.Evaluate(loss, outputs, 3, targets, new float[6]);
        Assert.True(float.IsNaN(result), $"{loss} gave {result}");
    }

    [Theory]
    [MemberData(nameof(TargetLosses))]
    public void A_nan_target_gives_a_nan_loss(Loss loss)
    {
        float[] outputs = [0.1f, 1, 2, 3, 0.5f, -1];
        float[] targets = [float.NaN, 0.3f, 0.5f, 1, 0, 0];
        float result = LossFunctions.Evaluate(loss, outputs, 3, targets, new float[6]);
        Assert.True(float.IsNaN(result), $"{loss} gave {result}");
    }

    [Theory]
    [MemberData(nameof(LabelLosses))]
    public void A_nan_output_gives_a_nan_loss_with_class_labels(Loss loss, int width)
    {
        float[] outputs = new float[2 * width];
        outputs.AsSpan().Fill(0.5f);
        outputs[width] = float.NaN; // second row
        float result = LossFunctions.Evaluate(loss, outputs, width, [0, 0], new float[2 * width]);
        Assert.True(float.IsNaN(result), $"{loss} gave {result}");
    }

    [Fact]
    public void Mean_absolute_error_of_nan_does_not_throw_and_its_gradient_is_zero_there_as_pytorch_sign_of_nan()
    {
        // MathF.Sign(NaN) throws ArithmeticException; torch.sign(nan) is 0.
        float[] gradient = new float[4];
        float result = LossFunctions.Evaluate(Loss.MeanAbsoluteError, [float.NaN, 2, -2, 1], 1, [0f, 0, 0, 1], gradient);
        Assert.True(float.IsNaN(result));
        Assert.Equal([0f, 0.25f, -0.25f, 0f], gradient);
    }
}
