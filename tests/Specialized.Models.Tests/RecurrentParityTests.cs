using Specialized.Kernels;
using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>Recurrent models against PyTorch 1.13 on every register width, and backpropagation through time against finite differences.</summary>
public class RecurrentParityTests
{
    public static TheoryData<SimdWidth> Widths => FixtureParityTests.Widths;

    private static void Parity<TModel>(TModel model, string name, Action<TModel, float[], float[]> forward, Func<TModel, Fixture, float> train) where TModel : IModel
    {
        var fixture = Fixture.Load(name);
        model.LoadWeights(fixture.Path);
        float[] input = fixture.Floats("input"), expected = fixture.Floats("output");
        var output = new float[expected.Length];
        forward(model, input, output);
        Numerics.AssertClose(expected, output, $"{name} output");
        float loss = train(model, fixture);
        Numerics.AssertClose([fixture.Loss], [loss], $"{name} loss");
        foreach (ModelTensor tensor in TModel.ParameterTensors)
            Numerics.AssertClose(fixture.Floats("grad." + tensor.Name), Numerics.InPyTorchLayout(tensor, model.Gradients), $"{name} grad.{tensor.Name}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Lstm_matches_pytorch(SimdWidth width) =>
        Parity(new LstmSeq(), "lstm_seq", (m, x, y) => m.ForwardWith(width, x, y), (m, f) => m.ComputeGradientsWith(width, f.Floats("input"), f.Floats("target")));

    [Theory]
    [MemberData(nameof(Widths))]
    public void Gru_matches_pytorch(SimdWidth width) =>
        Parity(new GruSeq(), "gru_seq", (m, x, y) => m.ForwardWith(width, x, y), (m, f) => m.ComputeGradientsWith(width, f.Floats("input"), f.Floats("target")));

    [Theory]
    [MemberData(nameof(Widths))]
    public void Rnn_matches_pytorch(SimdWidth width) =>
        Parity(new RnnSeq(), "rnn_seq", (m, x, y) => m.ForwardWith(width, x, y), (m, f) => m.ComputeGradientsWith(width, f.Floats("input"), f.Labels()));

    [Theory]
    [MemberData(nameof(Widths))]
    public void Stacked_lstm_passing_every_step_to_a_gru_matches_pytorch(SimdWidth width) =>
        Parity(new LstmStack(), "lstm_stack", (m, x, y) => m.ForwardWith(width, x, y), (m, f) => m.ComputeGradientsWith(width, f.Floats("input"), f.Floats("target")));

    [Fact]
    public void Recurrent_models_say_so_and_the_trainer_clips_them_by_default()
    {
        Assert.True(HasRecurrentLayers<LstmSeq>());
        Assert.False(HasRecurrentLayers<DigitsMlp>());
        Assert.Equal(["0.weight_ih_l0", "0.weight_hh_l0", "0.bias_ih_l0", "0.bias_hh_l0", "1.weight", "1.bias"], LstmSeq.ParameterTensors.Select(t => t.Name));
        Assert.Equal([128, 8], LstmSeq.ParameterTensors[0].Shape);
    }

    private static bool HasRecurrentLayers<TModel>() where TModel : IModel => TModel.HasRecurrentLayers;

    [Fact]
    public void Backpropagation_through_time_matches_finite_differences_at_odd_sizes()
    {
        var random = new Random(7);
        float[] x = Enumerable.Range(0, 3 * OddRecurrentNet.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] t = Enumerable.Range(0, 3 * 2).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        GradientCheck.Assert(new OddRecurrentNet(), m => m.ComputeGradients(x, t));
    }
}
