using System.Reflection;
using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

/// <summary>
/// The recurrent nodes (RNN, LSTM, GRU) on every register width against <see cref="RecurrentReference"/>,
/// PyTorch's equations in double: forward (inference, which runs the streaming step's kernel, and training), every parameter
/// gradient and the input gradient stored, added and skipped, at odd sizes (F 1, 3, 5; H 1, 4, 7, 17;
/// T 1, 2, 5; rows 1, 3, 5), with and without ReturnSequences. Every buffer is exactly as long as the
/// node asks for, followed by sentinels that must survive; central differences check a small case per node.
/// </summary>
public class RecurrentNodeTests
{
    private static Type Api(RecurrentKind kind) => kind switch
    {
        RecurrentKind.Lstm => typeof(LstmApi),
        RecurrentKind.Gru => typeof(GruApi),
        RecurrentKind.Rnn => typeof(RnnApi),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Type Shape(int sequence, int features, int hidden, bool sequences, Activation activation) =>
        typeof(RecurrentShape<,,,,>).MakeGenericType(Constants.Size(sequence), Constants.Size(features), Constants.Size(hidden),
            Constants.Size(sequences ? 1 : 0), Constants.Of(activation));

    // (T, F, H, ReturnSequences): every listed size appears, with both settings of ReturnSequences.
    private static readonly (int T, int F, int H, bool Sequences)[] Sizes =
    [
        (1, 1, 1, false), (2, 3, 4, true), (5, 5, 7, false), (5, 1, 17, true),
        (5, 3, 1, true), (1, 5, 4, true), (2, 3, 17, false), (2, 1, 7, true),
    ];

    public static TheoryData<RecurrentKind, int, int, int, bool, Activation> Cases(RecurrentKind kind)
    {
        var data = new TheoryData<RecurrentKind, int, int, int, bool, Activation>();
        for (int s = 0; s < Sizes.Length; s++)
        {
            var (t, f, h, sequences) = Sizes[s];
            Activation activation = kind == RecurrentKind.Rnn ? (s % 2 == 0 ? Activation.Tanh : Activation.Relu) : Activation.Identity;
            data.Add(kind, t, f, h, sequences, activation);
        }
        return data;
    }

    public static TheoryData<RecurrentKind, int, int, int, bool, Activation> LstmCases() => Cases(RecurrentKind.Lstm);

    public static TheoryData<RecurrentKind, int, int, int, bool, Activation> GruCases() => Cases(RecurrentKind.Gru);

    public static TheoryData<RecurrentKind, int, int, int, bool, Activation> RnnCases() => Cases(RecurrentKind.Rnn);

    [Theory]
    [MemberData(nameof(LstmCases))]
    public void Lstm_matches_PyTorchs_equations_on_every_width(RecurrentKind kind, int sequence, int features, int hidden, bool sequences, Activation activation) =>
        RunReference(kind, sequence, features, hidden, sequences, activation);

    [Theory]
    [MemberData(nameof(GruCases))]
    public void Gru_matches_PyTorchs_equations_on_every_width(RecurrentKind kind, int sequence, int features, int hidden, bool sequences, Activation activation) =>
        RunReference(kind, sequence, features, hidden, sequences, activation);

    [Theory]
    [MemberData(nameof(RnnCases))]
    public void Rnn_tanh_and_relu_match_PyTorchs_equations_on_every_width(RecurrentKind kind, int sequence, int features, int hidden, bool sequences, Activation activation) =>
        RunReference(kind, sequence, features, hidden, sequences, activation);

    private static void RunReference(RecurrentKind kind, int sequence, int features, int hidden, bool sequences, Activation activation)
    {
        Type shape = Shape(sequence, features, hidden, sequences, activation);
        MethodInfo check = typeof(RecurrentNodeTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (Type register in NodeBuffers.Registers)
            foreach (int rows in new[] { 1, 3, 5 })
                check.MakeGenericMethod(Api(kind), shape, register).Invoke(null, [rows, activation]);
    }

    private static float[] Parameters<TApi, TLayer>(int seed)
        where TApi : struct, IRecurrentNode
        where TLayer : struct, IRecurrentLayer
    {
        int count = TApi.ParameterCount<TLayer>();
        var p = new float[count];
        // PyTorch's initialization scale, doubled so the gates leave their linear range.
        TApi.Initialize<TLayer>(p, new Random(seed));
        for (int i = 0; i < count; i++) p[i] *= 2;
        return p;
    }

    private static void Check<TApi, TLayer, TReg>(int rows, Activation activation)
        where TApi : struct, IRecurrentNode
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int f = TLayer.Features, h = TLayer.Hidden, steps = TLayer.Sequence, count = TApi.ParameterCount<TLayer>();
        int inLength = rows * steps * f, outLength = rows * (TLayer.ReturnSequences ? steps : 1) * h;
        string name = $"{TApi.Kind} {typeof(TReg).Name} T {steps} F {f} H {h}{(TLayer.ReturnSequences ? " sequences" : "")} {activation} rows {rows}";
        float[] x = NodeBuffers.WithSlack(inLength, 1), p = Parameters<TApi, TLayer>(2);
        int scratchLength = TApi.ScratchLength<TLayer>(rows), savedLength = TApi.SavedLength<TLayer>(rows);
        // Scratch and saved are filled with noise and followed by sentinels of their own: the node must
        // fit in the lengths it asks for and depend on nothing it did not write.
        float[] scratch = NodeBuffers.WithSlack(scratchLength, 3), saved = NodeBuffers.WithSlack(savedLength, 4);
        float[] y = NodeBuffers.WithSlack(outLength, 5), yInference = NodeBuffers.WithSlack(outLength, 6);

        TApi.ForwardInference<TLayer, TReg>(x.AsSpan(0, inLength), p, yInference, scratch.AsSpan(0, scratchLength), rows);
        NodeBuffers.AssertSlackUntouched(yInference, outLength, name + " inference outputs");
        NodeBuffers.AssertSlackUntouched(scratch, scratchLength, name + " inference scratch");
        TApi.ForwardTraining<TLayer, TReg>(x.AsSpan(0, inLength), p, y, saved.AsSpan(0, savedLength), scratch.AsSpan(0, scratchLength), rows);
        NodeBuffers.AssertSlackUntouched(y, outLength, name + " outputs");
        NodeBuffers.AssertSlackUntouched(saved, savedLength, name + " saved");
        NodeBuffers.AssertSlackUntouched(scratch, scratchLength, name + " training scratch");

        float[] dy = NodeBuffers.WithSlack(outLength, 7);
        var (expectedY, expectedDp, expectedDx) = RecurrentReference.Run(TApi.Kind, activation, f, h, steps, TLayer.ReturnSequences, rows, x, p, dy);
        Compare(expectedY, y, name + " y");
        // Inference runs the streaming step's kernel, training the batched products: the same function, summed in another order.
        Compare(expectedY, yInference, name + " inference y");

        foreach (GradientMode mode in new[] { GradientMode.Store, GradientMode.Add, GradientMode.None })
        {
            float[] g = NodeBuffers.WithSlack(count, 8), dx = NodeBuffers.WithSlack(inLength, 9), dyCopy = (float[])dy.Clone();
            float[] dxBefore = (float[])dx.Clone();
            TApi.Backward<TLayer, TReg>(x.AsSpan(0, inLength), y.AsSpan(0, outLength), dyCopy.AsSpan(0, outLength), p, g.AsSpan(0, count),
                saved.AsSpan(0, savedLength), dx, mode, scratch.AsSpan(0, scratchLength), rows);
            string what = $"{name} {mode}";
            NodeBuffers.AssertSlackUntouched(g, count, what + " parameter gradients");
            NodeBuffers.AssertSlackUntouched(dx, inLength, what + " input gradient");
            NodeBuffers.AssertSlackUntouched(scratch, scratchLength, what + " scratch");
            Compare(expectedDp, g, what + " parameter gradient");
            if (mode == GradientMode.None)
            {
                Assert.Equal(dxBefore, dx);
                continue;
            }
            var expectedDxNow = (double[])expectedDx.Clone();
            if (mode == GradientMode.Add) for (int i = 0; i < inLength; i++) expectedDxNow[i] += dxBefore[i];
            Compare(expectedDxNow, dx, what + " input gradient");
        }
    }

    // The float kernels sum up to a few hundred terms per value and carry errors through T steps;
    // 1e-4 of the largest value of the tensor (plus 1e-5 relative, 1e-6 absolute) is far above that
    // and far below any wrong term (which moves a value by a sizeable fraction of the tensor's scale).
    private static void Compare(double[] expected, float[] actual, string what)
    {
        double scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = 1e-6 + 1e-5 * Math.Abs(expected[i]) + 1e-4 * scale;
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]} (tolerance {tolerance})");
        }
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm, true)]
    [InlineData(RecurrentKind.Lstm, false)]
    [InlineData(RecurrentKind.Gru, true)]
    [InlineData(RecurrentKind.Gru, false)]
    [InlineData(RecurrentKind.Rnn, true)]
    [InlineData(RecurrentKind.Rnn, false)]
    public void Gradients_agree_with_central_differences_of_the_forward_pass(RecurrentKind kind, bool sequences)
    {
        Activation activation = kind == RecurrentKind.Rnn ? Activation.Tanh : Activation.Identity;
        Type shape = Shape(3, 3, 4, sequences, activation);
        MethodInfo check = typeof(RecurrentNodeTests).GetMethod(nameof(FiniteDifferences), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (Type register in NodeBuffers.Registers) check.MakeGenericMethod(Api(kind), shape, register).Invoke(null, [2]);
    }

    // L = Σ r ⊙ y for a fixed random r, summed in double over the node's float outputs; its gradients are
    // the backward pass from dL/dy = r. Steps of 1e-2 leave a truncation error of about 1e-4·|L'''| and a
    // rounding error of about 1e-6/2e-2 = 5e-5, hence the tolerance.
    private static void FiniteDifferences<TApi, TLayer, TReg>(int rows)
        where TApi : struct, IRecurrentNode
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TApi.ParameterCount<TLayer>();
        int inLength = rows * TLayer.Sequence * TLayer.Features, outLength = rows * (TLayer.ReturnSequences ? TLayer.Sequence : 1) * TLayer.Hidden;
        float[] x = NodeBuffers.WithSlack(inLength, 11), p = Parameters<TApi, TLayer>(12), r = NodeBuffers.WithSlack(outLength, 13);
        float[] y = new float[outLength], scratch = new float[TApi.ScratchLength<TLayer>(rows)];
        double Loss()
        {
            TApi.ForwardInference<TLayer, TReg>(x.AsSpan(0, inLength), p, y, scratch, rows);
            double loss = 0;
            for (int k = 0; k < outLength; k++) loss += (double)r[k] * y[k];
            return loss;
        }

        float[] saved = new float[TApi.SavedLength<TLayer>(rows)], g = new float[count], dx = new float[inLength + BufferLayout.Slack];
        TApi.ForwardTraining<TLayer, TReg>(x.AsSpan(0, inLength), p, y, saved, scratch, rows);
        TApi.Backward<TLayer, TReg>(x.AsSpan(0, inLength), y, r.AsSpan(0, outLength), p, g, saved, dx, GradientMode.Store, scratch, rows);

        void Compare(float[] values, int length, float[] analytic, string what)
        {
            for (int k = 0; k < length; k++)
            {
                float keep = values[k];
                values[k] = keep + 1e-2f;
                float up = values[k];
                double lossUp = Loss();
                values[k] = keep - 1e-2f;
                float down = values[k];
                double lossDown = Loss();
                values[k] = keep;
                double numeric = (lossUp - lossDown) / ((double)up - down);
                Assert.True(Math.Abs(numeric - analytic[k]) <= 2e-3 + 1e-2 * Math.Abs(numeric),
                    $"{TApi.Kind} {typeof(TReg).Name} {what}[{k}]: backward {analytic[k]}, central difference {numeric}");
            }
        }

        Compare(p, count, g, "parameter");
        Compare(x, inLength, dx, "input");
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm)]
    [InlineData(RecurrentKind.Gru)]
    [InlineData(RecurrentKind.Rnn)]
    public void Short_buffers_are_refused_naming_the_argument(RecurrentKind kind)
    {
        MethodInfo check = typeof(RecurrentNodeTests).GetMethod(nameof(ShortBuffers), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (bool sequences in new[] { false, true })
            check.MakeGenericMethod(Api(kind), Shape(5, 3, 7, sequences, kind == RecurrentKind.Rnn ? Activation.Tanh : Activation.Identity), typeof(Float256)).Invoke(null, [3]);
    }

    private static void ShortBuffers<TApi, TLayer, TReg>(int rows)
        where TApi : struct, IRecurrentNode
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TApi.ParameterCount<TLayer>(), inLength = rows * TLayer.Sequence * TLayer.Features;
        int outLength = rows * (TLayer.ReturnSequences ? TLayer.Sequence : 1) * TLayer.Hidden;
        int scratchLength = TApi.ScratchLength<TLayer>(rows), savedLength = TApi.SavedLength<TLayer>(rows);
        float[] x = new float[inLength], p = new float[count], y = new float[outLength], saved = new float[savedLength], scratch = new float[scratchLength];
        float[] g = new float[count], dx = new float[inLength + BufferLayout.Slack], dy = new float[outLength];

        void Refused(string argument, Action call) => Assert.Equal(argument, Assert.Throws<ArgumentException>(call).ParamName);

        Refused("inputs", () => TApi.ForwardInference<TLayer, TReg>(x.AsSpan(1), p, y, scratch, rows));
        Refused("parameters", () => TApi.ForwardInference<TLayer, TReg>(x, p.AsSpan(1), y, scratch, rows));
        Refused("outputs", () => TApi.ForwardInference<TLayer, TReg>(x, p, y.AsSpan(1), scratch, rows));
        Refused("scratch", () => TApi.ForwardInference<TLayer, TReg>(x, p, y, scratch.AsSpan(1), rows));
        Refused("saved", () => TApi.ForwardTraining<TLayer, TReg>(x, p, y, saved.AsSpan(1), scratch, rows));
        Refused("scratch", () => TApi.ForwardTraining<TLayer, TReg>(x, p, y, saved, scratch.AsSpan(1), rows));
        Refused("outputGradient", () => TApi.Backward<TLayer, TReg>(x, y, dy.AsSpan(1), p, g, saved, dx, GradientMode.Store, scratch, rows));
        Refused("parameterGradients", () => TApi.Backward<TLayer, TReg>(x, y, dy, p, g.AsSpan(1), saved, dx, GradientMode.Store, scratch, rows));
        Refused("saved", () => TApi.Backward<TLayer, TReg>(x, y, dy, p, g, saved.AsSpan(1), dx, GradientMode.Store, scratch, rows));
        Refused("inputGradient", () => TApi.Backward<TLayer, TReg>(x, y, dy, p, g, saved, dx.AsSpan(1), GradientMode.Add, scratch, rows));
        Refused("scratch", () => TApi.Backward<TLayer, TReg>(x, y, dy, p, g, saved, dx, GradientMode.Store, scratch.AsSpan(1), rows));
        // Without an input gradient the span is not needed, so an empty one is accepted.
        TApi.ForwardTraining<TLayer, TReg>(x, p, y, saved, scratch, rows);
        TApi.Backward<TLayer, TReg>(x, y, dy, p, g, saved, Span<float>.Empty, GradientMode.None, scratch, rows);
        var error = Assert.Throws<ArgumentException>(() => TApi.ForwardInference<TLayer, TReg>(x, p, y, scratch.AsSpan(1), rows));
        Assert.Contains($"needs {scratchLength}", error.Message);
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm)]
    [InlineData(RecurrentKind.Gru)]
    [InlineData(RecurrentKind.Rnn)]
    public void Initialization_is_PyTorchs_uniform_over_one_over_root_hidden(RecurrentKind kind)
    {
        MethodInfo check = typeof(RecurrentNodeTests).GetMethod(nameof(Initialization), BindingFlags.NonPublic | BindingFlags.Static)!;
        check.MakeGenericMethod(Api(kind), Shape(2, 3, 17, false, Activation.Tanh)).Invoke(null, []);
    }

    private static void Initialization<TApi, TLayer>()
        where TApi : struct, IRecurrentNode
        where TLayer : struct, IRecurrentLayer
    {
        int gh = RecurrentReference.Gates(TApi.Kind) * TLayer.Hidden;
        int count = TApi.ParameterCount<TLayer>();
        Assert.Equal(gh * (TLayer.Features + TLayer.Hidden + 2), count);
        var p = new float[count];
        TApi.Initialize<TLayer>(p, new Random(5));
        double bound = 1 / Math.Sqrt(TLayer.Hidden);
        Assert.All(p, w => Assert.InRange(w, -bound, bound));
        // Weights and biases alike: the biases (the last 2·GH) are not zero.
        Assert.True(p.AsSpan(count - 2 * gh).ToArray().Max(Math.Abs) > 0.5 * bound);
        Assert.True(p.Max() > 0.9 * bound && p.Min() < -0.9 * bound);
        var again = new float[count];
        TApi.Initialize<TLayer>(again, new Random(5));
        Assert.Equal(p, again);
        Assert.Throws<ArgumentException>(() => TApi.Initialize<TLayer>(new float[count - 1], new Random(5)));
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm)]
    [InlineData(RecurrentKind.Gru)]
    [InlineData(RecurrentKind.Rnn)]
    public void Calls_allocate_nothing_and_an_empty_batch_gives_zero_gradients(RecurrentKind kind)
    {
        MethodInfo check = typeof(RecurrentNodeTests).GetMethod(nameof(NoAllocations), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (Type register in NodeBuffers.Registers)
            check.MakeGenericMethod(Api(kind), Shape(5, 3, 17, true, kind == RecurrentKind.Rnn ? Activation.Relu : Activation.Identity), register).Invoke(null, [3]);
    }

    private static void NoAllocations<TApi, TLayer, TReg>(int rows)
        where TApi : struct, IRecurrentNode
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TApi.ParameterCount<TLayer>(), inLength = rows * TLayer.Sequence * TLayer.Features;
        int outLength = rows * (TLayer.ReturnSequences ? TLayer.Sequence : 1) * TLayer.Hidden;
        float[] x = NodeBuffers.WithSlack(inLength, 21), p = Parameters<TApi, TLayer>(22), y = new float[outLength];
        float[] saved = new float[TApi.SavedLength<TLayer>(rows)], scratch = new float[TApi.ScratchLength<TLayer>(rows)];
        float[] g = new float[count], dx = new float[inLength + BufferLayout.Slack], dy = NodeBuffers.WithSlack(outLength, 23);
        void Step()
        {
            TApi.ForwardInference<TLayer, TReg>(x.AsSpan(0, inLength), p, y, scratch, rows);
            TApi.ForwardTraining<TLayer, TReg>(x.AsSpan(0, inLength), p, y, saved, scratch, rows);
            TApi.Backward<TLayer, TReg>(x.AsSpan(0, inLength), y, dy.AsSpan(0, outLength), p, g, saved, dx, GradientMode.Add, scratch, rows);
        }

        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        // No samples: nothing to write but the parameter gradients, which are zero.
        g.AsSpan().Fill(1);
        TApi.ForwardTraining<TLayer, TReg>(ReadOnlySpan<float>.Empty, p, Span<float>.Empty, saved, scratch, 0);
        TApi.Backward<TLayer, TReg>(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, Span<float>.Empty, p, g, saved, dx, GradientMode.Store, scratch, 0);
        Assert.All(g, v => Assert.Equal(0f, v));
    }
}
