using Specialized.Kernels;
using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>Outputs, loss and every gradient match PyTorch 1.13 on the fixtures, on every register-width path.</summary>
public class FixtureParityTests
{
    public static TheoryData<SimdWidth> Widths => new() { SimdWidth.Vector512, SimdWidth.Vector256, SimdWidth.Vector128, SimdWidth.Scalar };

    private static void AssertParity<TModel>(TModel model, Fixture fixture, SimdWidth width, Func<TModel, float> computeGradients,
        Action<TModel, float[], float[]> forward) where TModel : IModel
    {
        model.LoadWeights(fixture.Path);
        float[] input = fixture.Floats("input");
        float[] expectedOutput = fixture.Floats("output");
        var output = new float[expectedOutput.Length];
        forward(model, input, output);
        Numerics.AssertClose(expectedOutput, output, $"{width} output");

        float loss = computeGradients(model);
        Numerics.AssertClose([fixture.Loss], [loss], $"{width} loss");
        foreach (ModelTensor tensor in TModel.ParameterTensors)
            Numerics.AssertClose(fixture.Floats("grad." + tensor.Name), Numerics.InPyTorchLayout(tensor, model.Gradients), $"{width} grad.{tensor.Name}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Mlp_relu_matches_pytorch(SimdWidth width)
    {
        var fixture = Fixture.Load("mlp_relu");
        AssertParity(new DigitsMlp(), fixture, width,
            m => m.ComputeGradientsWith(width, fixture.Floats("input"), fixture.Labels()),
            (m, x, y) => m.ForwardWith(width, x, y));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Mlp_mixed_matches_pytorch(SimdWidth width)
    {
        var fixture = Fixture.Load("mlp_mixed");
        AssertParity(new MlpMixed(), fixture, width,
            m => m.ComputeGradientsWith(width, fixture.Floats("input"), fixture.Floats("target")),
            (m, x, y) => m.ForwardWith(width, x, y));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Mlp_binary_matches_pytorch(SimdWidth width)
    {
        var fixture = Fixture.Load("mlp_binary");
        AssertParity(new MlpBinary(), fixture, width,
            m => m.ComputeGradientsWith(width, fixture.Floats("input"), fixture.Floats("target")),
            (m, x, y) => m.ForwardWith(width, x, y));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Mlp_bn_residual_matches_pytorch_in_inference_training_and_running_statistics(SimdWidth width)
    {
        var fixture = Fixture.Load("mlp_bn_residual");
        var model = new MlpBnResidual();
        AssertParity(model, fixture, width,
            m => m.ComputeGradientsWith(width, fixture.Floats("input"), fixture.Labels()),
            (m, x, y) => m.ForwardWith(width, x, y));
        // The training pass updated the running statistics with the unbiased batch variance (momentum 0.1).
        foreach (ModelTensor tensor in MlpBnResidual.Tensors.Where(t => t.Kind == TensorKind.Buffer && t.DType == TensorDType.Float32))
            Numerics.AssertClose(fixture.Floats("after_train." + tensor.Name), model.Buffers.Slice(tensor.Offset, tensor.Length), $"{width} after_train.{tensor.Name}");
        Assert.Equal(8, model.IntegerBuffers[0]); // 7 in the file, one training pass
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Mlp_residual_projection_matches_pytorch(SimdWidth width)
    {
        var fixture = Fixture.Load("mlp_residual_projection");
        AssertParity(new MlpResidualProjection(), fixture, width,
            m => m.ComputeGradientsWith(width, fixture.Floats("input"), fixture.Floats("target")),
            (m, x, y) => m.ForwardWith(width, x, y));
    }

    [Fact]
    public void Every_path_agrees_with_the_scalar_path_on_a_wide_model_at_edge_batch_sizes()
    {
        var model = new WideNet();
        var random = new Random(5);
        foreach (int batch in new[] { 1, 3, 4, 5, 63, 64, 65, 130 })
        {
            var x = Enumerable.Range(0, batch * WideNet.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var labels = Enumerable.Range(0, batch).Select(_ => random.Next(WideNet.OutputSize)).ToArray();
            var reference = new float[batch * WideNet.OutputSize];
            model.ForwardWith(SimdWidth.Scalar, x, reference);
            model.ComputeGradientsWith(SimdWidth.Scalar, x, labels);
            float[] referenceGradients = model.Gradients.ToArray();
            foreach (SimdWidth width in new[] { SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512 })
            {
                var y = new float[reference.Length];
                model.ForwardWith(width, x, y);
                Numerics.AssertClose(reference, y, $"{width} batch {batch} output", relative: 1e-5, absolute: 1e-6);
                model.ComputeGradientsWith(width, x, labels);
                Numerics.AssertClose(referenceGradients, model.Gradients, $"{width} batch {batch} gradients", relative: 1e-4, absolute: 1e-6);
            }
        }
    }
}
