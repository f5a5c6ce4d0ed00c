using Specialized.Kernels;
using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>
/// The generated streaming API (ResetState/Step) against the full-sequence Forward of the same instance on every
/// register width: per step for a model that returns every step, and against Forward on sequences that end at
/// that step for models that return the last state; state carried and reset; the current weights read after
/// LoadWeights and an optimizer step; nothing allocated; sizes checked.
/// </summary>
public class StreamingTests
{
    public static TheoryData<SimdWidth> Widths => FixtureParityTests.Widths;

    // Step sums the same products in another order than Forward's blocked products, so they differ by float
    // rounding that compounds over the steps: 1e-5 relative, 2e-6 absolute, far below any wrong weight or gate.
    private static void AssertSame(ReadOnlySpan<float> forward, ReadOnlySpan<float> step, string what) =>
        Numerics.AssertClose(forward, step, what, relative: 1e-5, absolute: 2e-6);

    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static float[] Steps<TModel>(TModel model, SimdWidth width, float[] sequence, int steps, Action<TModel, SimdWidth, float[], float[]> step)
        where TModel : IStreamingModel
    {
        var outputs = new float[steps * TModel.StepOutputSize];
        var y = new float[TModel.StepOutputSize];
        for (int t = 0; t < steps; t++)
        {
            step(model, width, sequence.AsSpan(t * TModel.StepInputSize, TModel.StepInputSize).ToArray(), y);
            y.CopyTo(outputs, t * TModel.StepOutputSize);
        }
        return outputs;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_model_returning_every_step_streams_each_step_of_Forward(SimdWidth width)
    {
        var model = new StreamingEveryStep();
        Assert.Equal(3, StreamingEveryStep.StepInputSize);
        Assert.Equal(20, StreamingEveryStep.StepOutputSize);
        float[] x = Random(StreamingEveryStep.InputSize, 1);
        var forward = new float[StreamingEveryStep.OutputSize];
        model.ForwardWith(width, x, forward);
        model.ResetState();
        float[] streamed = Steps(model, width, x, 9, (m, w, xt, y) => m.StepWith(w, xt, y));
        AssertSame(forward, streamed, $"{width} every step");

        // Again after ResetState: the same sequence gives the same outputs, bit for bit.
        model.ResetState();
        Assert.Equal(streamed, Steps(model, width, x, 9, (m, w, xt, y) => m.StepWith(w, xt, y)));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void A_last_state_model_streams_what_Forward_gives_for_the_sequence_ending_at_that_step(SimdWidth width)
    {
        var fixture = Fixture.Load("lstm_seq");
        var model = new LstmSeq();
        model.LoadWeights(fixture.Path);
        float[] x = fixture.Floats("input").AsSpan(0, LstmSeq.InputSize).ToArray();
        // A new instance needs no ResetState: its state starts at zero.
        float[] streamed = Steps(model, width, x, 32, (m, w, xt, y) => m.StepWith(w, xt, y));

        void Check(IModel shorter, int steps, Action<float[], float[]> forward)
        {
            shorter.LoadWeights(fixture.Path);
            var y = new float[1];
            forward(x.AsSpan(0, steps * 8).ToArray(), y);
            AssertSame(y, streamed.AsSpan(steps - 1, 1), $"{width} after {steps} steps");
        }

        var one = new LstmSeqOneStep();
        var seven = new LstmSeqSevenSteps();
        var nineteen = new LstmSeqNineteenSteps();
        Check(one, 1, (xs, y) => one.ForwardWith(width, xs, y));
        Check(seven, 7, (xs, y) => seven.ForwardWith(width, xs, y));
        Check(nineteen, 19, (xs, y) => nineteen.ForwardWith(width, xs, y));
        var full = new float[1];
        model.ForwardWith(width, x, full);
        AssertSame(full, streamed.AsSpan(31, 1), $"{width} after 32 steps");
        Numerics.AssertClose(fixture.Floats("output").AsSpan(0, 1), streamed.AsSpan(31, 1), $"{width} PyTorch after 32 steps");
    }

    [Fact]
    public void Stacked_models_and_every_recurrent_kind_stream_the_fixture_outputs()
    {
        foreach (SimdWidth width in new[] { SimdWidth.Vector512, SimdWidth.Vector256, SimdWidth.Vector128, SimdWidth.Scalar })
        {
            StreamsFixture(new LstmStack(), "lstm_stack", 10, width, (m, w, x, y) => m.StepWith(w, x, y));
            StreamsFixture(new GruSeq(), "gru_seq", 20, width, (m, w, x, y) => m.StepWith(w, x, y));
            StreamsFixture(new RnnSeq(), "rnn_seq", 12, width, (m, w, x, y) => m.StepWith(w, x, y));
        }
    }

    // The last step of every sample of a fixture's batch equals PyTorch's output for that sample.
    private static void StreamsFixture<TModel>(TModel model, string name, int steps, SimdWidth width, Action<TModel, SimdWidth, float[], float[]> step)
        where TModel : IStreamingModel
    {
        var fixture = Fixture.Load(name);
        model.LoadWeights(fixture.Path);
        float[] input = fixture.Floats("input"), expected = fixture.Floats("output");
        int samples = input.Length / TModel.InputSize;
        for (int n = 0; n < samples; n++)
        {
            model.ResetState();
            float[] streamed = Steps(model, width, input.AsSpan(n * TModel.InputSize, TModel.InputSize).ToArray(), steps, step);
            Numerics.AssertClose(expected.AsSpan(n * TModel.OutputSize, TModel.OutputSize), streamed.AsSpan((steps - 1) * TModel.StepOutputSize, TModel.StepOutputSize),
                $"{name} {width} sample {n}");
        }
    }

    [Fact]
    public void Streaming_reads_the_current_weights_after_LoadWeights_and_an_optimizer_step()
    {
        var model = new LstmSeq();
        float[] x = Random(LstmSeq.InputSize, 3);
        var y = new float[1];
        var forward = new float[1];
        for (int t = 0; t < 32; t++) model.Step(x.AsSpan(t * 8, 8), y);

        var fixture = Fixture.Load("lstm_seq");
        model.LoadWeights(fixture.Path);
        model.ResetState();
        for (int t = 0; t < 32; t++) model.Step(x.AsSpan(t * 8, 8), y);
        model.Forward(x, forward);
        AssertSame(forward, y, "after LoadWeights");

        model.ComputeGradients(x, new float[] { 0.5f });
        new Sgd(learningRate: 0.5f).Step(model.Parameters, model.Gradients);
        var moved = new float[1];
        model.Forward(x, moved);
        Assert.NotEqual(forward[0], moved[0]);
        model.ResetState();
        for (int t = 0; t < 32; t++) model.Step(x.AsSpan(t * 8, 8), y);
        AssertSame(moved, y, "after an optimizer step");
    }

    [Fact]
    public void Steps_allocate_nothing_after_the_first()
    {
        var lstm = new StreamingLstm16();
        var gru = new StreamingGru16();
        var stack = new StreamingEveryStep();
        float[] x = [0.25f, -0.5f, 0.75f], y = new float[1], ys = new float[20];
        SimdWidth[] widths = [SimdWidth.Vector512, SimdWidth.Vector256, SimdWidth.Vector128, SimdWidth.Scalar];
        void Work()
        {
            lstm.Step(x.AsSpan(0, 1), y);
            gru.Step(x.AsSpan(1, 1), y);
            stack.Step(x, ys);
            foreach (SimdWidth width in widths) lstm.StepWith(width, x.AsSpan(0, 1), y);
        }
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Work();
        long afterSteps = GC.GetAllocatedBytesForCurrentThread();
        lstm.ResetState();
        long afterReset = GC.GetAllocatedBytesForCurrentThread();
        // Read before asserting: an assertion allocates.
        Assert.Equal(0, afterSteps - before);
        Assert.Equal(0, afterReset - afterSteps);
    }

    [Fact]
    public void Step_sizes_are_checked_and_only_models_that_can_stream_get_Step()
    {
        var model = new StreamingLstm16();
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Step(new float[2], new float[1])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => model.Step(new float[1], new float[2])).ParamName);
        Assert.Contains("StepInputSize (1)", Assert.Throws<ArgumentException>(() => model.Step(ReadOnlySpan<float>.Empty, new float[1])).Message);
        Assert.True(typeof(IStreamingModel).IsAssignableFrom(typeof(LstmSeq)));
        Assert.True(typeof(IStreamingModel).IsAssignableFrom(typeof(LstmStack)));
        Assert.False(typeof(IStreamingModel).IsAssignableFrom(typeof(DigitsMlp)));
    }
}
