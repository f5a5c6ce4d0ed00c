using Specialized.Kernels;
using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>Convolutional models against PyTorch 1.13 on every register width, and their gradients against finite differences.</summary>
public class ConvParityTests
{
    public static TheoryData<SimdWidth> Widths => FixtureParityTests.Widths;

    private static void Parity<TModel>(TModel model, string name, SimdWidth width, Action<TModel, float[], float[]> forward, Func<TModel, float[], int[], float> train) where TModel : IModel
    {
        var fixture = Fixture.Load(name);
        model.LoadWeights(fixture.Path);
        float[] input = fixture.Floats("input"), expected = fixture.Floats("output");
        var output = new float[expected.Length];
        forward(model, input, output);
        Numerics.AssertClose(expected, output, $"{name} {width} output");
        float loss = train(model, input, fixture.Labels());
        Numerics.AssertClose([fixture.Loss], [loss], $"{name} {width} loss");
        foreach (ModelTensor tensor in TModel.ParameterTensors)
            Numerics.AssertClose(fixture.Floats("grad." + tensor.Name), Numerics.InPyTorchLayout(tensor, model.Gradients), $"{name} {width} grad.{tensor.Name}");
        foreach (ModelTensor tensor in TModel.Tensors.Where(t => t.Kind == TensorKind.Buffer && t.DType == TensorDType.Float32))
        {
            if (fixture.File.Contains("after_train." + tensor.Name))
                Numerics.AssertClose(fixture.Floats("after_train." + tensor.Name), model.Buffers.Slice(tensor.Offset, tensor.Length), $"{name} {width} after_train.{tensor.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Digits_cnn_matches_pytorch(SimdWidth width) => Parity(new CnnDigits(), "cnn_digits", width, (m, x, y) => m.ForwardWith(width, x, y), (m, x, l) => m.ComputeGradientsWith(width, x, l));

    [Theory]
    [MemberData(nameof(Widths))]
    public void LeNet_matches_pytorch(SimdWidth width) => Parity(new LeNet(), "lenet", width, (m, x, y) => m.ForwardWith(width, x, y), (m, x, l) => m.ComputeGradientsWith(width, x, l));

    [Theory]
    [MemberData(nameof(Widths))]
    public void Strided_conv_batchnorm_avgpool_and_global_pool_match_pytorch(SimdWidth width) => Parity(new CnnBnGap(), "cnn_bn_gap", width, (m, x, y) => m.ForwardWith(width, x, y), (m, x, l) => m.ComputeGradientsWith(width, x, l));

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tiny_resnet_with_a_projection_shortcut_matches_pytorch(SimdWidth width) => Parity(new ResNetTiny(), "resnet_tiny", width, (m, x, y) => m.ForwardWith(width, x, y), (m, x, l) => m.ComputeGradientsWith(width, x, l));

    [Fact]
    public void Layer_table_and_names_follow_pytorch()
    {
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], CnnDigits.ParameterTensors.Select(t => t.Name));
        Assert.Equal([8, 1, 3, 3], CnnDigits.ParameterTensors[0].Shape);
        Assert.Equal([10, 64], CnnDigits.ParameterTensors[4].Shape); // 16 × 2 × 2 flattened channel-major
        Assert.Contains(ResNetTiny.Tensors, t => t.Name == "3.shortcut.0.weight" && t.Shape.SequenceEqual([16, 8, 1, 1]));
        Assert.Contains(ResNetTiny.Tensors, t => t.Name == "3.shortcut.1.running_var");
    }

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }
    [Fact]
    public void Strides_padding_odd_sizes_and_untiled_pools_match_finite_differences()
    {
        float[] x = Random(3 * OddConvNet.InputSize, 1), t = Random(3 * 2, 2);
        GradientCheck.Assert(new OddConvNet(), m => m.ComputeGradients(x, t));
    }

    [Fact]
    public void Image_batchnorm_and_a_strided_residual_projection_match_finite_differences()
    {
        float[] x = Random(4 * ImageResidualNet.InputSize, 3), t = Random(4 * 2, 4);
        GradientCheck.Assert(new ImageResidualNet(), m => m.ComputeGradients(x, t));
    }
}
