using System.Runtime.CompilerServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// A long short-term memory layer as PyTorch's <c>nn.LSTM</c> (one layer, batch first, h₀ = c₀ = 0):
/// per step <c>i = σ(W_ii x + b_ii + W_hi h + b_hi)</c>, <c>f = σ(…)</c>, <c>g = tanh(…)</c>,
/// <c>o = σ(…)</c>, <c>c = f ⊙ c + i ⊙ g</c>, <c>h = o ⊙ tanh(c)</c>. Parameters are PyTorch's tensors in
/// its order with both weights stored transposed (weight files convert, as for Dense): <c>weight_ihᵀ [F, 4H]</c>,
/// <c>weight_hhᵀ [H, 4H]</c>, <c>bias_ih [4H]</c>, <c>bias_hh [4H]</c>, gates stacked i, f, g, o.
/// </summary>
/// <remarks>
/// The input projection of every step runs as one register-blocked product, then each step is one
/// product over the batch (<c>h·W_hhᵀ</c>) and the gates in registers; backward is backpropagation
/// through time with the parameter and input gradients as products over all steps at once. Every
/// span is checked once per call (the exception names it); the saved buffer, the scratch and the
/// input gradient carry <see cref="BufferLayout.Slack"/>. Nothing is allocated.
/// </remarks>
public static class LstmNode
{
    private const string Node = "an LSTM layer";

    /// <summary>Floats of <typeparamref name="TLayer"/>'s packed parameters: <c>4H·(F + H + 2)</c>.</summary>
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer =>
        Recurrence.ParameterCount<TLayer, LstmCell>();

    /// <summary>Floats of scratch the forward passes and <see cref="Backward{TLayer, TReg}"/> need for <paramref name="rows"/> samples, slack included.</summary>
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer =>
        checked((int)Recurrence.ScratchLength<TLayer, LstmCell>(rows) + BufferLayout.Slack);

    /// <summary>
    /// Floats <see cref="ForwardTraining{TLayer, TReg}"/> saves for <see cref="Backward{TLayer, TReg}"/>, slack included:
    /// the gate activations <c>[rows, T, 4H]</c>, the cell states <c>[rows, T, H]</c> and h_{t−1} <c>[rows, T, H]</c>.
    /// </summary>
    public static int SavedLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer =>
        checked((int)Recurrence.SavedLength<TLayer, LstmCell>(rows) + BufferLayout.Slack);

    /// <summary>Floats of one sample's streaming state for <see cref="Step{TLayer, TReg}"/>: h_{t−1} [H] then c_{t−1} [H]; all zero starts a sequence.</summary>
    public static int StateLength<TLayer>() where TLayer : struct, IRecurrentLayer =>
        RecurrentStep.StateLength<TLayer, LstmCell>();

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
        RecurrentStep.Run<TLayer, LstmCell, TReg>(input, parameters, state, output, Node);

    /// <summary>PyTorch's reset: every weight and bias drawn from U(−1/√H, 1/√H), in the packed order.</summary>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is too short.</exception>
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer =>
        Recurrence.Initialize<TLayer, LstmCell>(parameters, random, Node);

    /// <summary>
    /// <c>outputs</c> = the last hidden state <c>[rows, H]</c>, or every step's <c>[rows, T, H]</c> when
    /// <see cref="IRecurrentLayer.ReturnSequences"/>, of <paramref name="inputs"/> <c>[rows, T, F]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg> =>
        Recurrence.Forward<TLayer, LstmCell, TReg>(inputs, parameters, outputs, Span<float>.Empty, scratch, rows, training: false, Node);

    /// <summary>
    /// As <see cref="ForwardInference{TLayer, TReg}"/>, saving in <paramref name="saved"/>
    /// (<see cref="SavedLength{TLayer}"/> floats) what backpropagation through time needs.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardTraining<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> saved, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg> =>
        Recurrence.Forward<TLayer, LstmCell, TReg>(inputs, parameters, outputs, saved, scratch, rows, training: true, Node);

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
        Recurrence.Backward<TLayer, LstmCell, TReg>(inputs, outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, scratch, rows, Node);
}

/// <summary>The LSTM's gates on one register of hidden units (i, f, g, o at offsets 0, H, 2H, 3H of a gate row).</summary>
internal readonly struct LstmCell : IRecurrentCell
{
    public static int Gates => 4;

    public static int ExtraStates => 1;

    public static bool SeparateHiddenGradient => false;

    public static bool CarryIsHidden => false;

    public static int StepStates => 1;

    public static bool KeepsHiddenLastGateApart => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TR Step<TLayer, TR>(TR slot0, TR slot1, TR slot2, TR slot3, ref float hPrevious, ref float extra, nuint j)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>
    {
        TR i = GateActivations.Sigmoid(slot0), f = GateActivations.Sigmoid(slot1);
        TR g = GateActivations.Tanh(slot2), o = GateActivations.Sigmoid(slot3);
        // c = i·g + f·c_{t−1}: f·c_{t−1} is ready before tanh(g) is, so one multiply-add follows g on the chain.
        TR c = TR.MultiplyAdd(i, g, f * TR.Load(ref extra, j));
        TR.Store(c, ref extra, j);
        return o * GateActivations.Tanh(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Forward<TLayer, TR>(ref float gates, ref float recurrent, ref float hPrevious, ref float extraPrevious, ref float extra,
        ref float h1, ref float h2, nuint j, bool first, bool training)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>
    {
        nuint h = (nuint)TLayer.Hidden;
        TR i = GateActivations.Sigmoid(TR.Load(ref gates, j) + TR.Load(ref recurrent, j));
        TR f = GateActivations.Sigmoid(TR.Load(ref gates, h + j) + TR.Load(ref recurrent, h + j));
        TR g = GateActivations.Tanh(TR.Load(ref gates, 2 * h + j) + TR.Load(ref recurrent, 2 * h + j));
        TR o = GateActivations.Sigmoid(TR.Load(ref gates, 3 * h + j) + TR.Load(ref recurrent, 3 * h + j));
        TR c = first ? i * g : TR.MultiplyAdd(i, g, f * TR.Load(ref extraPrevious, j));
        TR hidden = o * GateActivations.Tanh(c);
        if (training)
        {
            TR.Store(i, ref gates, j);
            TR.Store(f, ref gates, h + j);
            TR.Store(g, ref gates, 2 * h + j);
            TR.Store(o, ref gates, 3 * h + j);
        }
        TR.Store(c, ref extra, j);
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
        TR i = TR.Load(ref gates, j), f = TR.Load(ref gates, h + j), g = TR.Load(ref gates, 2 * h + j), o = TR.Load(ref gates, 3 * h + j);
        TR cPrevious = first ? TR.Zero : TR.Load(ref extraPrevious, j);
        TR tanhC = GateActivations.Tanh(TR.Load(ref extra, j));
        TR dht = TR.Load(ref dh, j);
        // dL/dc_t = carried from c_{t+1} + through h_t = o ⊙ tanh(c_t).
        TR dc = TR.Load(ref carry, j) + TR.ActivationBackward(Activation.Tanh, tanhC, dht * o);
        TR.Store(TR.ActivationBackward(Activation.Sigmoid, i, dc * g), ref dInput, j);
        TR.Store(TR.ActivationBackward(Activation.Sigmoid, f, dc * cPrevious), ref dInput, h + j);
        TR.Store(TR.ActivationBackward(Activation.Tanh, g, dc * i), ref dInput, 2 * h + j);
        TR.Store(TR.ActivationBackward(Activation.Sigmoid, o, dht * tanhC), ref dInput, 3 * h + j);
        TR.Store(dc * f, ref carry, j);
    }
}
