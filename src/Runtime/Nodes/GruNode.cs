using System.Runtime.CompilerServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// A gated recurrent unit layer as PyTorch's <c>nn.GRU</c> (one layer, batch first, h₀ = 0): per step
/// <c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = σ(W_iz x + b_iz + W_hz h + b_hz)</c>,
/// <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>, <c>h = (1 − z) ⊙ n + z ⊙ h</c>. Parameters are
/// PyTorch's tensors in its order with both weights stored transposed (weight files convert, as for Dense):
/// <c>weight_ihᵀ [F, 3H]</c>, <c>weight_hhᵀ [H, 3H]</c>, <c>bias_ih [3H]</c>, <c>bias_hh [3H]</c>, gates stacked r, z, n.
/// </summary>
/// <remarks>
/// The input projection of every step runs as one register-blocked product, then each step is one
/// product over the batch (<c>h·W_hhᵀ</c>) and the gates in registers; backward is backpropagation
/// through time with the parameter and input gradients as products over all steps at once. Every
/// span is checked once per call (the exception names it); the saved buffer, the scratch and the
/// input gradient carry <see cref="BufferLayout.Slack"/>. Nothing is allocated.
/// </remarks>
public static class GruNode
{
    private const string Node = "a GRU layer";

    /// <summary>Floats of <typeparamref name="TLayer"/>'s packed parameters: <c>3H·(F + H + 2)</c>.</summary>
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer =>
        Recurrence.ParameterCount<TLayer, GruCell>();

    /// <summary>Floats of scratch the forward passes and <see cref="Backward{TLayer, TReg}"/> need for <paramref name="rows"/> samples, slack included.</summary>
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer =>
        checked((int)Recurrence.ScratchLength<TLayer, GruCell>(rows) + BufferLayout.Slack);

    /// <summary>
    /// Floats <see cref="ForwardTraining{TLayer, TReg}"/> saves for <see cref="Backward{TLayer, TReg}"/>, slack included:
    /// the gate activations <c>[rows, T, 3H]</c>, <c>W_hn·h_{t−1} + b_hn</c> <c>[rows, T, H]</c> and h_{t−1} <c>[rows, T, H]</c>.
    /// </summary>
    public static int SavedLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer =>
        checked((int)Recurrence.SavedLength<TLayer, GruCell>(rows) + BufferLayout.Slack);

    /// <summary>Floats of one sample's streaming state for <see cref="Step{TLayer, TReg}"/>: h_{t−1} [H]; all zero starts a sequence.</summary>
    public static int StateLength<TLayer>() where TLayer : struct, IRecurrentLayer =>
        RecurrentStep.StateLength<TLayer, GruCell>();

    /// <summary>
    /// One time step of one sample, for streaming: <paramref name="output"/> <c>[H]</c> = h_t of <paramref name="input"/>
    /// <c>[F]</c> (x_t) and <paramref name="state"/> (<see cref="StateLength{TLayer}"/> floats), which is updated to
    /// step t. From a zeroed state, steps 1…t give what <see cref="ForwardInference{TLayer, TReg}"/> gives for the
    /// sequence of those t steps (to float rounding: the sums run in another order). <see cref="IRecurrentLayer.Sequence"/>
    /// is not used; nothing is allocated; no span needs slack; <paramref name="output"/> must not overlap the state.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it), or output overlaps state.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Step<TLayer, TReg>(ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> state, Span<float> output)
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg> =>
        RecurrentStep.Run<TLayer, GruCell, TReg>(input, parameters, state, output, Node);

    /// <summary>PyTorch's reset: every weight and bias drawn from U(−1/√H, 1/√H), in the packed order.</summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is too short.</exception>
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer =>
        Recurrence.Initialize<TLayer, GruCell>(parameters, random, Node);

    /// <summary>
    /// <c>outputs</c> = the last hidden state <c>[rows, H]</c>, or every step's <c>[rows, T, H]</c> when
    /// <see cref="IRecurrentLayer.ReturnSequences"/>, of <paramref name="inputs"/> <c>[rows, T, F]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg> =>
        Recurrence.Forward<TLayer, GruCell, TReg>(inputs, parameters, outputs, Span<float>.Empty, scratch, rows, training: false, Node);

    /// <summary>
    /// As <see cref="ForwardInference{TLayer, TReg}"/>, saving in <paramref name="saved"/>
    /// (<see cref="SavedLength{TLayer}"/> floats) what backpropagation through time needs.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardTraining<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> saved, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg> =>
        Recurrence.Forward<TLayer, GruCell, TReg>(inputs, parameters, outputs, saved, scratch, rows, training: true, Node);

    /// <summary>
    /// Backpropagation through time over the whole sequence from <paramref name="outputGradient"/>
    /// (dL/d<paramref name="outputs"/>: <c>[rows, H]</c>, or <c>[rows, T, H]</c> with ReturnSequences; read only).
    /// The parameter gradients overwrite <paramref name="parameterGradients"/> (laid out as the parameters);
    /// the input gradient <c>[rows, T, F]</c> is stored into or added to <paramref name="inputGradient"/> as
    /// <paramref name="mode"/> says (not touched for <see cref="GradientMode.None"/>). <paramref name="saved"/>
    /// is what <see cref="ForwardTraining{TLayer, TReg}"/> left; <paramref name="outputs"/> is only checked.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients, ReadOnlySpan<float> saved,
        Span<float> inputGradient, GradientMode mode, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg> =>
        Recurrence.Backward<TLayer, GruCell, TReg>(inputs, outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, scratch, rows, Node);
}

/// <summary>The GRU's gates on one register of hidden units (r, z, n at offsets 0, H, 2H of a gate row).</summary>
internal readonly struct GruCell : IRecurrentCell
{
    public static int Gates => 3;

    public static int ExtraStates => 1;

    public static bool SeparateHiddenGradient => true;

    public static bool CarryIsHidden => true;

    public static int StepStates => 0;

    public static bool KeepsHiddenLastGateApart => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TR Step<TLayer, TR>(TR slot0, TR slot1, TR slot2, TR slot3, ref float hPrevious, ref float extra, nuint j)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>
    {
        TR r = GateActivations.Sigmoid(slot0), z = GateActivations.Sigmoid(slot1);
        TR n = GateActivations.Tanh(TR.MultiplyAdd(r, slot3, slot2));
        // h = (1 − z)·n + z·h_{t−1}: both factors beside n are ready before it, so one multiply-add follows tanh on the chain.
        return TR.MultiplyAdd(TR.Broadcast(1f) - z, n, z * TR.Load(ref hPrevious, j));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TLayer, TR>(ref float gates, ref float recurrent, ref float hPrevious, ref float extraPrevious, ref float extra,
        ref float h1, ref float h2, nuint j, bool first, bool training)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>
    {
        nuint h = (nuint)TLayer.Hidden;
        TR r = GateActivations.Sigmoid(TR.Load(ref gates, j) + TR.Load(ref recurrent, j));
        TR z = GateActivations.Sigmoid(TR.Load(ref gates, h + j) + TR.Load(ref recurrent, h + j));
        TR hn = TR.Load(ref recurrent, 2 * h + j);
        TR n = GateActivations.Tanh(TR.MultiplyAdd(r, hn, TR.Load(ref gates, 2 * h + j)));
        // h = (1 − z)·n + z·h_{t−1}, as the streaming step computes it.
        TR hidden = TR.MultiplyAdd(TR.Broadcast(1f) - z, n, first ? TR.Zero : z * TR.Load(ref hPrevious, j));
        if (training)
        {
            TR.Store(r, ref gates, j);
            TR.Store(z, ref gates, h + j);
            TR.Store(n, ref gates, 2 * h + j);
            TR.Store(hn, ref extra, j);
        }
        TR.Store(hidden, ref h1, j);
        TR.Store(hidden, ref h2, j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backward<TLayer, TR>(ref float gates, ref float extraPrevious, ref float extra, ref float hPrevious,
        ref float dh, ref float carry, ref float dInput, ref float dHidden, nuint j, bool first)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>
    {
        nuint h = (nuint)TLayer.Hidden;
        TR r = TR.Load(ref gates, j), z = TR.Load(ref gates, h + j), n = TR.Load(ref gates, 2 * h + j);
        TR hn = TR.Load(ref extra, j);
        TR hp = first ? TR.Zero : TR.Load(ref hPrevious, j);
        TR dht = TR.Load(ref dh, j);
        TR dan = TR.ActivationBackward(Activation.Tanh, n, dht - dht * z);
        TR dar = TR.ActivationBackward(Activation.Sigmoid, r, dan * hn);
        TR daz = TR.ActivationBackward(Activation.Sigmoid, z, dht * (hp - n));
        TR.Store(dar, ref dInput, j);
        TR.Store(daz, ref dInput, h + j);
        TR.Store(dan, ref dInput, 2 * h + j);
        TR.Store(dar, ref dHidden, j);
        TR.Store(daz, ref dHidden, h + j);
        TR.Store(dan * r, ref dHidden, 2 * h + j);
        // The direct path h_{t−1} → h_t, added to dA_h·W_hh once the product has run.
        TR.Store(dht * z, ref carry, j);
    }
}
