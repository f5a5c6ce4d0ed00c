using System.Reflection;
using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

/// <summary>
/// The streaming step of each recurrent node (<c>Step</c>) on every register width: t steps from a zeroed
/// state give the full-sequence forward pass's step t (ReturnSequences) at sizes that leave every kind of
/// tail (H 1, 4, 7, 16, 17, 33; F 1, 2, 3, 5, 8), the state carries across calls, spans are checked and nothing is allocated.
/// </summary>
public class RecurrentStepTests
{
    // H = 1, 4, 8, 16 fill exactly one scalar, 128-, 256- or 512-bit register (h_t stored straight from it); F and H of
    // every remainder modulo the four accumulator chains (F 7: three rows past the last group of four; H 6, 7: two, three).
    private static readonly (int F, int H)[] Sizes = [(1, 1), (3, 4), (2, 6), (2, 7), (7, 8), (1, 16), (5, 17), (8, 33)];

    private static Type Api(RecurrentKind kind) => kind switch
    {
        RecurrentKind.Lstm => typeof(LstmApi),
        RecurrentKind.Gru => typeof(GruApi),
        _ => typeof(RnnApi),
    };

    private static Type Shape(int sequence, int features, int hidden, Activation activation) =>
        typeof(RecurrentShape<,,,,>).MakeGenericType(Constants.Size(sequence), Constants.Size(features), Constants.Size(hidden),
            Constants.Size(1), Constants.Of(activation));

    private static MethodInfo Method(string name) => typeof(RecurrentStepTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    [Theory]
    [InlineData(RecurrentKind.Lstm, Activation.Identity)]
    [InlineData(RecurrentKind.Gru, Activation.Identity)]
    [InlineData(RecurrentKind.Rnn, Activation.Tanh)]
    [InlineData(RecurrentKind.Rnn, Activation.Relu)]
    public void Steps_from_a_zero_state_give_the_sequence_pass_at_every_step_on_every_width(RecurrentKind kind, Activation activation)
    {
        foreach (var (f, h) in Sizes)
            foreach (Type register in NodeBuffers.Registers)
                Method(nameof(StepsMatchForward)).MakeGenericMethod(StepApi(kind), Shape(6, f, h, activation), register).Invoke(null, []);
    }

    private static Type StepApi(RecurrentKind kind) => kind switch
    {
        RecurrentKind.Lstm => typeof(LstmStep),
        RecurrentKind.Gru => typeof(GruStep),
        _ => typeof(RnnStep),
    };

    private static float[] Parameters<TApi, TLayer>(int seed)
        where TApi : struct, IRecurrentStep
        where TLayer : struct, IRecurrentLayer
    {
        var p = new float[TApi.ParameterCount<TLayer>()];
        TApi.Initialize<TLayer>(p, new Random(seed));
        // Doubled, as in RecurrentNodeTests, so the gates leave their linear range.
        for (int i = 0; i < p.Length; i++) p[i] *= 2;
        return p;
    }

    private static void StepsMatchForward<TApi, TLayer, TReg>()
        where TApi : struct, IRecurrentStep
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int f = TLayer.Features, h = TLayer.Hidden, steps = TLayer.Sequence;
        string name = $"{typeof(TApi).Name} {typeof(TReg).Name} F {f} H {h} {TLayer.Activation}";
        float[] x = NodeBuffers.WithSlack(steps * f, 31), p = Parameters<TApi, TLayer>(32);
        float[] full = new float[steps * h], scratch = new float[TApi.ScratchLength<TLayer>(1)];
        TApi.ForwardInference<TLayer, TReg>(x.AsSpan(0, steps * f), p, full, scratch, 1);

        // Exact-length spans (no slack): the step must read and write nothing past them.
        float[] state = new float[TApi.StateLength<TLayer>()], y = new float[h];
        for (int t = 0; t < steps; t++)
        {
            TApi.Step<TLayer, TReg>(x.AsSpan(t * f, f), p, state, y);
            // The step sums the same products in another order (four chains, then a tree), so rounding
            // differs by a few float ulps per step and compounds over the steps: 2e-6 absolute on values in
            // (−1, 1) (ReLU's grow larger, hence the relative term) is that, and far below any wrong weight or gate.
            for (int j = 0; j < h; j++)
            {
                float expected = full[t * h + j];
                Assert.True(Math.Abs(expected - y[j]) <= 2e-6 + 2e-6 * Math.Abs(expected), $"{name} step {t} unit {j}: sequence pass {expected}, step {y[j]}");
            }
            Assert.Equal(y, state.AsSpan(0, h).ToArray());
        }
    }

    [Theory]
    [InlineData(RecurrentKind.Lstm)]
    [InlineData(RecurrentKind.Gru)]
    [InlineData(RecurrentKind.Rnn)]
    public void Steps_check_their_spans_and_allocate_nothing(RecurrentKind kind)
    {
        foreach (Type register in NodeBuffers.Registers)
            Method(nameof(ChecksAndAllocations)).MakeGenericMethod(StepApi(kind), Shape(1, 3, 17, Activation.Tanh), register).Invoke(null, []);
    }

    private static void ChecksAndAllocations<TApi, TLayer, TReg>()
        where TApi : struct, IRecurrentStep
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        float[] x = NodeBuffers.WithSlack(TLayer.Features, 41), p = Parameters<TApi, TLayer>(42);
        float[] state = new float[TApi.StateLength<TLayer>()], y = new float[TLayer.Hidden];
        void Refused(string argument, Action call) => Assert.Equal(argument, Assert.Throws<ArgumentException>(call).ParamName);
        Refused("input", () => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features - 1), p, state, y));
        Refused("parameters", () => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p.AsSpan(1), state, y));
        Refused("state", () => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, state.AsSpan(1), y));
        Refused("output", () => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, state, y.AsSpan(1)));
        Refused("output", () => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, state, state.AsSpan(0, TLayer.Hidden)));
        // h_t may sit right before or right after the state in one buffer, but not over a single float of it at either end.
        int h = TLayer.Hidden, s = state.Length;
        float[] shared = new float[h + s + h];
        Refused("output", () => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, shared.AsSpan(h, s), shared.AsSpan(1, h)));
        Assert.Contains("overlaps state; give h_t a span of its own",
            Assert.Throws<ArgumentException>(() => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, shared.AsSpan(h, s), shared.AsSpan(h + s - 1, h))).Message);
        Refused("output", () => TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, shared.AsSpan(h, s), shared.AsSpan(h + s - 1, h)));
        TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, shared.AsSpan(h, s), shared.AsSpan(0, h));
        TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, shared.AsSpan(h, s), shared.AsSpan(h + s, h));

        TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, state, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) TApi.Step<TLayer, TReg>(x.AsSpan(0, TLayer.Features), p, state, y);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.All(y, v => Assert.True(float.IsFinite(v)));
    }
}

/// <summary>The nodes' full-sequence inference and streaming step behind one interface.</summary>
internal interface IRecurrentStep
{
    static abstract int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer;
    static abstract int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer;
    static abstract int StateLength<TLayer>() where TLayer : struct, IRecurrentLayer;
    static abstract void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer;
    static abstract void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg>;
    static abstract void Step<TLayer, TReg>(ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> state, Span<float> output)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg>;
}

internal readonly struct LstmStep : IRecurrentStep
{
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer => LstmNode.ParameterCount<TLayer>();
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => LstmNode.ScratchLength<TLayer>(rows);
    public static int StateLength<TLayer>() where TLayer : struct, IRecurrentLayer => LstmNode.StateLength<TLayer>();
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer => LstmNode.Initialize<TLayer>(parameters, random);
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> => LstmNode.ForwardInference<TLayer, TReg>(inputs, parameters, outputs, scratch, rows);
    public static void Step<TLayer, TReg>(ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> state, Span<float> output)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> => LstmNode.Step<TLayer, TReg>(input, parameters, state, output);
}

internal readonly struct GruStep : IRecurrentStep
{
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer => GruNode.ParameterCount<TLayer>();
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => GruNode.ScratchLength<TLayer>(rows);
    public static int StateLength<TLayer>() where TLayer : struct, IRecurrentLayer => GruNode.StateLength<TLayer>();
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer => GruNode.Initialize<TLayer>(parameters, random);
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> => GruNode.ForwardInference<TLayer, TReg>(inputs, parameters, outputs, scratch, rows);
    public static void Step<TLayer, TReg>(ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> state, Span<float> output)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> => GruNode.Step<TLayer, TReg>(input, parameters, state, output);
}

internal readonly struct RnnStep : IRecurrentStep
{
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer => RnnNode.ParameterCount<TLayer>();
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => RnnNode.ScratchLength<TLayer>(rows);
    public static int StateLength<TLayer>() where TLayer : struct, IRecurrentLayer => RnnNode.StateLength<TLayer>();
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer => RnnNode.Initialize<TLayer>(parameters, random);
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> => RnnNode.ForwardInference<TLayer, TReg>(inputs, parameters, outputs, scratch, rows);
    public static void Step<TLayer, TReg>(ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> state, Span<float> output)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> => RnnNode.Step<TLayer, TReg>(input, parameters, state, output);
}
