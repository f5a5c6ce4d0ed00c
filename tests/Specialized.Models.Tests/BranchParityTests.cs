using Specialized.Kernels;
using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>
/// Inception branches, skip concatenation, transposed convolution, upsampling and per-pixel softmax
/// cross-entropy against PyTorch 1.13 on every register width, and every new node against finite differences.
/// </summary>
public class BranchParityTests
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
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tiny_inception_matches_pytorch(SimdWidth width) =>
        Parity(new TinyInception(), "inception_tiny", width, (m, x, y) => m.ForwardWith(width, x, y), (m, x, l) => m.ComputeGradientsWith(width, x, l));

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tiny_fcn_with_transposed_conv_skip_concat_and_per_pixel_loss_matches_pytorch(SimdWidth width) =>
        Parity(new TinyFcn(), "fcn_tiny", width, (m, x, y) => m.ForwardWith(width, x, y), (m, x, l) => m.ComputeGradientsWith(width, x, l));

    [Fact]
    public void Every_tensor_of_the_fixtures_has_pytorch_names_and_shapes()
    {
        Assert.Equal(["0.weight", "0.bias", "1.branches.0.0.weight", "1.branches.0.0.bias", "1.branches.1.0.weight", "1.branches.1.0.bias",
                      "1.branches.1.1.weight", "1.branches.1.1.bias", "1.branches.2.1.weight", "1.branches.2.1.bias", "3.weight", "3.bias"],
            TinyInception.Tensors.Select(t => t.Name));
        ModelTensor transposed = TinyFcn.Tensors.Single(t => t.Name == "3.weight");
        Assert.Equal([8, 6, 2, 2], transposed.Shape);
        Assert.Equal(3 * 8 * 8, TinyFcn.OutputSize);
        Assert.Equal(64, LabelsPerSample<TinyFcn>());
        Assert.Equal(1, LabelsPerSample<TinyInception>());
    }

    private static int LabelsPerSample<TModel>() where TModel : IModel => TModel.LabelsPerSample;

    [Fact]
    public void Per_pixel_labels_of_the_wrong_count_or_range_are_rejected_with_the_expected_count()
    {
        var model = new TinyFcn();
        var input = new float[2 * TinyFcn.InputSize];
        var error = Assert.Throws<ArgumentException>(() => model.ComputeGradients(input, new int[2]));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("64 per sample × 2 samples = 128", error.Message);
        var labels = new int[128];
        labels[70] = 3;
        error = Assert.Throws<ArgumentException>(() => model.ComputeGradients(input, labels));
        Assert.Contains("labels[70] (sample 1, pixel 6) is 3", error.Message);
    }

    [Fact]
    public void Trainer_rejects_a_per_pixel_model_with_one_label_per_sample()
    {
        var data = Dataset.FromLabels(new float[2 * TinyFcn.InputSize], TinyFcn.InputSize, [0, 1]);
        var trainer = new Trainer<TinyFcn>(new TinyFcn(), new Sgd(0.1f), new TrainerOptions { Epochs = 1 });
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(data));
        Assert.Contains("64 labels (one class map) per sample", error.Message);
    }

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void Transposed_convolutions_with_stride_padding_output_padding_an_added_input_gradient_and_upsampling_match_finite_differences()
    {
        float[] x = Random(3 * OddTransposedNet.InputSize, 1), t = Random(3 * 3, 2);
        GradientCheck.Assert(new OddTransposedNet(), m => m.ComputeGradients(x, t));
    }

    [Fact]
    public void Branches_with_empty_branches_and_an_upsampling_branch_match_finite_differences()
    {
        float[] x = Random(2 * OddBranchNet.InputSize, 3), t = Random(2 * 3, 4);
        GradientCheck.Assert(new OddBranchNet(), m => m.ComputeGradients(x, t));
    }

    [Fact]
    public void Branches_on_vectors_match_finite_differences()
    {
        float[] x = Random(4 * VectorBranchNet.InputSize, 5), t = Random(4 * 2, 6);
        GradientCheck.Assert(new VectorBranchNet(), m => m.ComputeGradients(x, t));
    }

    [Fact]
    public void Per_pixel_softmax_cross_entropy_over_odd_sides_matches_finite_differences()
    {
        float[] x = Random(3 * OddPixelNet.InputSize, 7);
        var random = new Random(8);
        int[] labels = Enumerable.Range(0, 3 * 15).Select(_ => random.Next(3)).ToArray();
        GradientCheck.Assert(new OddPixelNet(), m => m.ComputeGradients(x, labels));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Every_width_agrees_with_the_scalar_path_on_the_odd_models(SimdWidth width)
    {
        float[] x = Random(3 * OddTransposedNet.InputSize, 9), t = Random(3 * 3, 10);
        AgreesWithScalar(new OddTransposedNet(), width, x, (m, w) => m.ComputeGradientsWith(w, x, t), (m, w, o) => m.ForwardWith(w, x, o));
        float[] xb = Random(2 * OddBranchNet.InputSize, 11), tb = Random(2 * 3, 12);
        AgreesWithScalar(new OddBranchNet(), width, xb, (m, w) => m.ComputeGradientsWith(w, xb, tb), (m, w, o) => m.ForwardWith(w, xb, o));
    }

    private static void AgreesWithScalar<TModel>(TModel model, SimdWidth width, float[] x, Func<TModel, SimdWidth, float> train, Action<TModel, SimdWidth, float[]> forward) where TModel : IModel
    {
        int rows = x.Length / TModel.InputSize;
        float[] expected = new float[rows * TModel.OutputSize], actual = new float[expected.Length];
        forward(model, SimdWidth.Scalar, expected);
        forward(model, width, actual);
        Numerics.AssertClose(expected, actual, $"{typeof(TModel).Name} {width} output");
        float scalarLoss = train(model, SimdWidth.Scalar);
        float[] scalarGradients = model.Gradients.ToArray();
        float loss = train(model, width);
        Numerics.AssertClose([scalarLoss], [loss], $"{typeof(TModel).Name} {width} loss");
        Numerics.AssertClose(scalarGradients, model.Gradients.ToArray(), $"{typeof(TModel).Name} {width} gradients");
    }
}
