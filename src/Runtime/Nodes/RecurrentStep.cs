using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// One time step of one sample through a recurrent layer, for streaming: <c>h_t</c> from <c>x_t</c> and the
/// state (<c>h_{t−1}</c> and the cell's extra state) that the caller keeps between calls. Per register of
/// hidden units the gates' pre-activations <c>b_ih + b_hh + x·W_ihᵀ + h·W_hhᵀ</c> build up in registers over
/// the stored <c>W_ihᵀ [F, GH]</c> and <c>W_hhᵀ [H, GH]</c> rows (one broadcast of x_k or h_k, one multiply-add
/// per gate), then the cell turns them into h_t without leaving registers. Two chains of accumulators take
/// alternate k, so the adds of one chain overlap the other's latency; they are summed once at the end.
/// </summary>
/// <remarks>
/// State layout: <c>h_{t−1} [H]</c>, then the cell's extra state <c>[E·H]</c> (LSTM: c_{t−1}; GRU, RNN: none).
/// All zero is the start of a sequence, which is how <see cref="Recurrence"/>'s full-sequence pass starts,
/// so steps 1…t give what that pass gives for a sequence of t steps (up to the order of the float sums).
/// Nothing is allocated, no weight is copied, and the weights are read as stored, so a parameter change is
/// seen by the next step.
/// </remarks>
internal static class RecurrentStep
{
    public static int StateLength<TLayer, TCell>()
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell =>
        (1 + TCell.StepStates) * TLayer.Hidden;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TLayer, TCell, TReg>(ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> state, Span<float> output, string node)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        Recurrence.CheckShape<TLayer>();
        int h = TLayer.Hidden;
        BufferLayout.Require(input.Length, TLayer.Features, nameof(input), node, slack: false);
        BufferLayout.Require(parameters.Length, Recurrence.ParameterCount<TLayer, TCell>(), nameof(parameters), node, slack: false);
        BufferLayout.Require(state.Length, StateLength<TLayer, TCell>(), nameof(state), node, slack: false);
        BufferLayout.Require(output.Length, h, nameof(output), node, slack: false);
        // h_{t−1} is read whole for every register of h_t, so h_t cannot be written over it.
        if (output.Slice(0, h).Overlaps(state.Slice(0, StateLength<TLayer, TCell>())))
            throw new ArgumentException($"output of {node} overlaps state; give h_t a span of its own.", nameof(output));

        ref float hPrevious = ref MemoryMarshal.GetReference(state);
        ref float y = ref MemoryMarshal.GetReference(output);
        Advance<TLayer, TCell, TReg>(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(parameters), ref hPrevious, ref Unsafe.Add(ref hPrevious, h), ref y);
        // h_t becomes the next step's h_{t−1}.
        CopyHidden<TLayer, TReg>(ref y, ref hPrevious);
    }

    /// <summary>
    /// The step itself, unchecked: <paramref name="y"/> [H] = h_t of x_t [F] at <paramref name="x"/>, h_{t−1} [H] at
    /// <paramref name="hPrevious"/> (only read; <paramref name="y"/> must not overlap it) and the cell's extra state at
    /// <paramref name="extra"/> (updated in place). The full-sequence inference pass runs its steps through this too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Advance<TLayer, TCell, TReg>(ref float x, ref float p, ref float hPrevious, ref float extra, ref float y)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        int h = TLayer.Hidden, j = 0;
        for (; j + TReg.Count <= h; j += TReg.Count)
            Block<TLayer, TCell, TReg>(ref x, ref p, ref hPrevious, ref extra, ref y, (nuint)j);
        for (; j < h; j++)
            Block<TLayer, TCell, FloatScalar>(ref x, ref p, ref hPrevious, ref extra, ref y, (nuint)j);
    }

    // H floats from source to target in registers: a call to Memmove costs more than the copy at these sizes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyHidden<TLayer, TReg>(ref float source, ref float target)
        where TLayer : struct, IRecurrentLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int h = TLayer.Hidden, j = 0;
        for (; j + TReg.Count <= h; j += TReg.Count) TReg.Store(TReg.Load(ref source, (nuint)j), ref target, (nuint)j);
        for (; j < h; j++) Unsafe.Add(ref target, j) = Unsafe.Add(ref source, j);
    }

    // Hidden units [j, j + Count): slot s holds gate s's pre-activation, except that a cell which keeps the
    // hidden side of its last gate apart (GRU's W_hn·h + b_hn, which the reset gate scales) gets it in slot 3.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block<TLayer, TCell, TR>(ref float x, ref float p, ref float hPrevious, ref float extra, ref float y, nuint j)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TR : struct, IFloatRegister<TR>
    {
        int f = TLayer.Features, h = TLayer.Hidden, gates = TCell.Gates;
        bool apart = TCell.KeepsHiddenLastGateApart;
        nuint hu = (nuint)h, gh = (nuint)(gates * h);
        ref float bih = ref Unsafe.Add(ref p, (nuint)(f + h) * gh);
        ref float bhh = ref Unsafe.Add(ref bih, gh);

        // Chain A starts from b_ih, chain B from b_hh.
        TR a0 = TR.Load(ref bih, j), b0 = TR.Load(ref bhh, j);
        TR a1 = TR.Zero, b1 = TR.Zero, a2 = TR.Zero, b2 = TR.Zero, a3 = TR.Zero, b3 = TR.Zero;
        if (gates > 1)
        {
            a1 = TR.Load(ref bih, hu + j);
            b1 = TR.Load(ref bhh, hu + j);
        }
        if (gates > 2)
        {
            a2 = TR.Load(ref bih, 2 * hu + j);
            if (apart) b3 = TR.Load(ref bhh, 2 * hu + j);
            else b2 = TR.Load(ref bhh, 2 * hu + j);
        }
        if (gates > 3)
        {
            a3 = TR.Load(ref bih, 3 * hu + j);
            b3 = TR.Load(ref bhh, 3 * hu + j);
        }

        // x·W_ihᵀ: row k of W_ihᵀ holds every gate's weight of x_k; even k on chain A, odd k on chain B.
        ref float row = ref Unsafe.Add(ref p, j);
        int k = 0;
        for (; k + 2 <= f; k += 2)
        {
            TR xa = TR.Broadcast(Unsafe.Add(ref x, k)), xb = TR.Broadcast(Unsafe.Add(ref x, k + 1));
            ref float next = ref Unsafe.Add(ref row, gh);
            a0 = TR.MultiplyAdd(xa, TR.Load(ref row, 0), a0);
            b0 = TR.MultiplyAdd(xb, TR.Load(ref next, 0), b0);
            if (gates > 1)
            {
                a1 = TR.MultiplyAdd(xa, TR.Load(ref row, hu), a1);
                b1 = TR.MultiplyAdd(xb, TR.Load(ref next, hu), b1);
            }
            if (gates > 2)
            {
                a2 = TR.MultiplyAdd(xa, TR.Load(ref row, 2 * hu), a2);
                b2 = TR.MultiplyAdd(xb, TR.Load(ref next, 2 * hu), b2);
            }
            if (gates > 3)
            {
                a3 = TR.MultiplyAdd(xa, TR.Load(ref row, 3 * hu), a3);
                b3 = TR.MultiplyAdd(xb, TR.Load(ref next, 3 * hu), b3);
            }
            row = ref Unsafe.Add(ref row, 2 * gh);
        }
        if (k < f)
        {
            TR xa = TR.Broadcast(Unsafe.Add(ref x, k));
            a0 = TR.MultiplyAdd(xa, TR.Load(ref row, 0), a0);
            if (gates > 1) a1 = TR.MultiplyAdd(xa, TR.Load(ref row, hu), a1);
            if (gates > 2) a2 = TR.MultiplyAdd(xa, TR.Load(ref row, 2 * hu), a2);
            if (gates > 3) a3 = TR.MultiplyAdd(xa, TR.Load(ref row, 3 * hu), a3);
        }

        // h_{t−1}·W_hhᵀ, the same way (the last gate to slot 3 when the cell keeps it apart).
        row = ref Unsafe.Add(ref p, (nuint)f * gh + j);
        k = 0;
        for (; k + 2 <= h; k += 2)
        {
            TR ha = TR.Broadcast(Unsafe.Add(ref hPrevious, k)), hb = TR.Broadcast(Unsafe.Add(ref hPrevious, k + 1));
            ref float next = ref Unsafe.Add(ref row, gh);
            a0 = TR.MultiplyAdd(ha, TR.Load(ref row, 0), a0);
            b0 = TR.MultiplyAdd(hb, TR.Load(ref next, 0), b0);
            if (gates > 1)
            {
                a1 = TR.MultiplyAdd(ha, TR.Load(ref row, hu), a1);
                b1 = TR.MultiplyAdd(hb, TR.Load(ref next, hu), b1);
            }
            if (gates > 2 && !apart)
            {
                a2 = TR.MultiplyAdd(ha, TR.Load(ref row, 2 * hu), a2);
                b2 = TR.MultiplyAdd(hb, TR.Load(ref next, 2 * hu), b2);
            }
            if (gates > 2 && apart)
            {
                a3 = TR.MultiplyAdd(ha, TR.Load(ref row, 2 * hu), a3);
                b3 = TR.MultiplyAdd(hb, TR.Load(ref next, 2 * hu), b3);
            }
            if (gates > 3)
            {
                a3 = TR.MultiplyAdd(ha, TR.Load(ref row, 3 * hu), a3);
                b3 = TR.MultiplyAdd(hb, TR.Load(ref next, 3 * hu), b3);
            }
            row = ref Unsafe.Add(ref row, 2 * gh);
        }
        if (k < h)
        {
            TR ha = TR.Broadcast(Unsafe.Add(ref hPrevious, k));
            a0 = TR.MultiplyAdd(ha, TR.Load(ref row, 0), a0);
            if (gates > 1) a1 = TR.MultiplyAdd(ha, TR.Load(ref row, hu), a1);
            if (gates > 2 && !apart) a2 = TR.MultiplyAdd(ha, TR.Load(ref row, 2 * hu), a2);
            if (gates > 2 && apart) a3 = TR.MultiplyAdd(ha, TR.Load(ref row, 2 * hu), a3);
            if (gates > 3) a3 = TR.MultiplyAdd(ha, TR.Load(ref row, 3 * hu), a3);
        }

        TCell.Step<TLayer, TR>(a0 + b0, a1 + b1, a2 + b2, a3 + b3, ref hPrevious, ref extra, ref y, j);
    }
}
