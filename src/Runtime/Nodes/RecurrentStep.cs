using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// One time step of one sample through a recurrent layer, for streaming: <c>h_t</c> from <c>x_t</c> and the
/// state (<c>h_{t−1}</c> and the cell's extra state) that the caller keeps between calls. Per register of
/// hidden units the gates' pre-activations <c>b_ih + b_hh + x·W_ihᵀ + h·W_hhᵀ</c> build up in registers over
/// the stored <c>W_ihᵀ [F, GH]</c> and <c>W_hhᵀ [H, GH]</c> rows (one broadcast of x_k or h_k, one multiply-add
/// per gate), then the cell turns them into h_t without leaving registers. Four chains of accumulators take
/// every fourth k, so their multiply-add latencies overlap; they are summed in a tree at the end. A step is
/// one long chain of dependent instructions (h_{t−1} → products → σ(r) → tanh(n) → h_t → the next step's
/// loads), so the gates use <see cref="GateActivations"/>, written for latency.
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StateLength<TLayer, TCell>()
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell =>
        (1 + TCell.StepStates) * TLayer.Hidden;

    // Never inlined: its body inlines the whole step (cell, activations, register operations), which takes most of a
    // method's inlining budget. Inlined into a caller that has spent part of its own budget (a benchmark method at tier 1,
    // a user's loop), the JIT stopped part-way and left Float512 additions, the cell and the copy as calls with their
    // registers passed through memory: the layer-level GRU-16 step took 514 ns against the model Step's 246 ns (and 844 against
    // 73 ns once the kernel had four chains), in one process under load.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
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
        ref float hPrevious = ref MemoryMarshal.GetReference(state);
        ref float y = ref MemoryMarshal.GetReference(output);
        // h_{t−1} is read whole for every register of h_t, so h_t cannot be written over it. (The byte distance test is
        // Overlaps without its call: a step is short enough that the call showed.)
        nint distance = Unsafe.ByteOffset(ref hPrevious, ref y);
        if (distance > -(nint)h * sizeof(float) && distance < (nint)StateLength<TLayer, TCell>() * sizeof(float))
            throw new ArgumentException($"output of {node} overlaps state; give h_t a span of its own.", nameof(output));

        ref float x = ref MemoryMarshal.GetReference(input);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        Advance<TLayer, TCell, TReg>(ref x, ref p, ref hPrevious, ref Unsafe.Add(ref hPrevious, h), ref y, alsoToPrevious: h == TReg.Count);
        // h_t becomes the next step's h_{t−1} (already stored there when one register holds it).
        if (h != TReg.Count) CopyHidden<TLayer, TReg>(ref y, ref hPrevious);
    }

    /// <summary>
    /// The step itself, unchecked: <paramref name="y"/> [H] = h_t of x_t [F] at <paramref name="x"/>, h_{t−1} [H] at
    /// <paramref name="hPrevious"/> (only read; <paramref name="y"/> must not overlap it) and the cell's extra state at
    /// <paramref name="extra"/> (updated in place). The full-sequence inference pass runs its steps through this too.
    /// </summary>
    /// <remarks>
    /// With <paramref name="alsoToPrevious"/> (only when one register holds all of h_t, so h_{t−1} has been read whole
    /// before it is written), h_t also goes from its register to <paramref name="hPrevious"/>, rather than through y and a
    /// copy, which would put a second store-to-load hop on the step-to-step chain.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Advance<TLayer, TCell, TReg>(ref float x, ref float p, ref float hPrevious, ref float extra, ref float y, bool alsoToPrevious = false)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        int h = TLayer.Hidden, j = 0;
        for (; j + TReg.Count <= h; j += TReg.Count)
        {
            TReg hNew = TReg.Count == 4 && !RowPairPanels.FusedMultiplyAdd
                ? BlockOnTwoChains<TLayer, TCell, TReg>(ref x, ref p, ref hPrevious, ref extra, (nuint)j)
                : Block<TLayer, TCell, TReg>(ref x, ref p, ref hPrevious, ref extra, (nuint)j);
            TReg.Store(hNew, ref y, (nuint)j);
            if (alsoToPrevious) TReg.Store(hNew, ref hPrevious, (nuint)j);
        }
        for (; j < h; j++) Unsafe.Add(ref y, j) = ScalarBlock<TLayer, TCell>(ref x, ref p, ref hPrevious, ref extra, (nuint)j);
    }

    // The units past the last full register, one at a time. Not inlined: a second inlined copy of the block would
    // exhaust the caller's inlining budget, and the JIT would then leave the full-register block's operations as calls.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float ScalarBlock<TLayer, TCell>(ref float x, ref float p, ref float hPrevious, ref float extra, nuint j)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell =>
        Unsafe.BitCast<FloatScalar, float>(Block<TLayer, TCell, FloatScalar>(ref x, ref p, ref hPrevious, ref extra, j));

    // SSE without FMA (x86-64-v2, Native AOT's default target): 16 registers and a multiply-add in two instructions with a
    // temporary, where Block's four chains of up to four gates keep 16 accumulators and spilled them in the inner loop
    // (GRU-16 step 200 ns, 4.4× the 256-bit path's). Two chains keep 8. Not inlined: on every other target this branch is
    // dead, and an inlined copy would still spend the step's inlining budget. (Its sums are added in another order than
    // Block's, so on this target a step agrees with the other targets to rounding, not bit for bit.)
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static TR BlockOnTwoChains<TLayer, TCell, TR>(ref float x, ref float p, ref float hPrevious, ref float extra, nuint j)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TR : struct, IFloatRegister<TR>
    {
        int f = TLayer.Features, h = TLayer.Hidden, gates = TCell.Gates;
        nuint hu = (nuint)h, gh = (nuint)(gates * h);
        ref float bih = ref Unsafe.Add(ref p, (nuint)(f + h) * gh + j);
        GateSums<TR> c0 = GateSums<TR>.Load<TCell>(ref bih, hu, hiddenSide: false);
        GateSums<TR> c1 = GateSums<TR>.Load<TCell>(ref Unsafe.Add(ref bih, gh), hu, hiddenSide: true);
        c0 = Rows<TCell, TR>(c0, ref c1, ref x, f, ref Unsafe.Add(ref p, j), gh, hu, hiddenSide: false);
        c0 = Rows<TCell, TR>(c0, ref c1, ref hPrevious, h, ref Unsafe.Add(ref p, (nuint)f * gh + j), gh, hu, hiddenSide: true);
        GateSums<TR> sum = c0 + c1;
        return TCell.Step<TLayer, TR>(sum.S0, sum.S1, sum.S2, sum.S3, ref hPrevious, ref extra, j);
    }

    // values[0..count) · rows on two chains (even k on the first, odd on the second).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static GateSums<TR> Rows<TCell, TR>(GateSums<TR> c0, ref GateSums<TR> c1, ref float values, int count, ref float row, nuint gh, nuint hu, bool hiddenSide)
        where TCell : struct, IRecurrentCell
        where TR : struct, IFloatRegister<TR>
    {
        int k = 0;
        for (; k + 2 <= count; k += 2, row = ref Unsafe.Add(ref row, 2 * gh))
        {
            c0 = c0.Add<TCell>(TR.Broadcast(Unsafe.Add(ref values, k)), ref row, hu, hiddenSide);
            c1 = c1.Add<TCell>(TR.Broadcast(Unsafe.Add(ref values, k + 1)), ref Unsafe.Add(ref row, gh), hu, hiddenSide);
        }
        if (k < count) c0 = c0.Add<TCell>(TR.Broadcast(Unsafe.Add(ref values, k)), ref row, hu, hiddenSide);
        return c0;
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

    // The gates' pre-activations of one register of hidden units, as one chain of multiply-adds adds them up:
    // slot s holds gate s, except that a cell which keeps the hidden side of its last gate apart (GRU's
    // W_hn·h + b_hn, which the reset gate scales) gets that side in slot 3.
    private struct GateSums<TR> where TR : struct, IFloatRegister<TR>
    {
        public TR S0, S1, S2, S3;

        // value·row added to each gate's sum: row holds gate g's weights at g·H (hiddenSide: h's row, whose last gate may go apart).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly GateSums<TR> Add<TCell>(TR value, ref float row, nuint hu, bool hiddenSide) where TCell : struct, IRecurrentCell
        {
            int gates = TCell.Gates;
            GateSums<TR> s = this;
            s.S0 = TR.MultiplyAdd(value, TR.Load(ref row, 0), s.S0);
            if (gates > 1) s.S1 = TR.MultiplyAdd(value, TR.Load(ref row, hu), s.S1);
            if (gates > 2 && hiddenSide && TCell.KeepsHiddenLastGateApart) s.S3 = TR.MultiplyAdd(value, TR.Load(ref row, 2 * hu), s.S3);
            else if (gates > 2) s.S2 = TR.MultiplyAdd(value, TR.Load(ref row, 2 * hu), s.S2);
            if (gates > 3) s.S3 = TR.MultiplyAdd(value, TR.Load(ref row, 3 * hu), s.S3);
            return s;
        }

        // The gates' biases at row (gate g at g·H) as the chain's start.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static GateSums<TR> Load<TCell>(ref float row, nuint hu, bool hiddenSide) where TCell : struct, IRecurrentCell
        {
            int gates = TCell.Gates;
            GateSums<TR> s = default;
            s.S0 = TR.Load(ref row, 0);
            if (gates > 1) s.S1 = TR.Load(ref row, hu);
            if (gates > 2 && hiddenSide && TCell.KeepsHiddenLastGateApart) s.S3 = TR.Load(ref row, 2 * hu);
            else if (gates > 2) s.S2 = TR.Load(ref row, 2 * hu);
            if (gates > 3) s.S3 = TR.Load(ref row, 3 * hu);
            return s;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static GateSums<TR> operator +(GateSums<TR> a, GateSums<TR> b) =>
            new() { S0 = a.S0 + b.S0, S1 = a.S1 + b.S1, S2 = a.S2 + b.S2, S3 = a.S3 + b.S3 };
    }

    // Hidden units [j, j + Count): the gates' pre-activations b_ih + b_hh + x·W_ihᵀ + h·W_hhᵀ on four chains of
    // multiply-adds that take every fourth row (so each chain is a quarter as long and their latencies overlap), summed
    // in a tree, then the cell; returns h_t. Four chains of at most four gates fit AVX-512's and NEON's 32 registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TR Block<TLayer, TCell, TR>(ref float x, ref float p, ref float hPrevious, ref float extra, nuint j)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TR : struct, IFloatRegister<TR>
    {
        int f = TLayer.Features, h = TLayer.Hidden, gates = TCell.Gates;
        nuint hu = (nuint)h, gh = (nuint)(gates * h);
        ref float bih = ref Unsafe.Add(ref p, (nuint)(f + h) * gh + j);
        ref float bhh = ref Unsafe.Add(ref bih, gh);

        // Chain 0 starts from b_ih, chain 1 from b_hh (its last gate apart when the cell keeps it so), chains 2 and 3 from 0.
        GateSums<TR> c0 = GateSums<TR>.Load<TCell>(ref bih, hu, hiddenSide: false), c1 = GateSums<TR>.Load<TCell>(ref bhh, hu, hiddenSide: true);
        GateSums<TR> c2 = default, c3 = default;

        // x·W_ihᵀ: row k of W_ihᵀ holds every gate's weight of x_k. x does not wait for h_{t−1}, so these are off the critical chain.
        ref float row = ref Unsafe.Add(ref p, j);
        int k = 0;
        for (; k + 4 <= f; k += 4)
        {
            c0 = c0.Add<TCell>(TR.Broadcast(Unsafe.Add(ref x, k)), ref row, hu, hiddenSide: false);
            c1 = c1.Add<TCell>(TR.Broadcast(Unsafe.Add(ref x, k + 1)), ref Unsafe.Add(ref row, gh), hu, hiddenSide: false);
            c2 = c2.Add<TCell>(TR.Broadcast(Unsafe.Add(ref x, k + 2)), ref Unsafe.Add(ref row, 2 * gh), hu, hiddenSide: false);
            c3 = c3.Add<TCell>(TR.Broadcast(Unsafe.Add(ref x, k + 3)), ref Unsafe.Add(ref row, 3 * gh), hu, hiddenSide: false);
            row = ref Unsafe.Add(ref row, 4 * gh);
        }
        // The last F mod 4 rows on chain 2 (one call site: each inlined copy of Add spends the caller's inlining budget).
        for (; k < f; k++, row = ref Unsafe.Add(ref row, gh)) c2 = c2.Add<TCell>(TR.Broadcast(Unsafe.Add(ref x, k)), ref row, hu, hiddenSide: false);

        // h_{t−1}·W_hhᵀ, the same way: the critical chain, four rows deep per chain at H = 16.
        row = ref Unsafe.Add(ref p, (nuint)f * gh + j);
        k = 0;
        for (; k + 4 <= h; k += 4)
        {
            c0 = c0.Add<TCell>(TR.Broadcast(Unsafe.Add(ref hPrevious, k)), ref row, hu, hiddenSide: true);
            c1 = c1.Add<TCell>(TR.Broadcast(Unsafe.Add(ref hPrevious, k + 1)), ref Unsafe.Add(ref row, gh), hu, hiddenSide: true);
            c2 = c2.Add<TCell>(TR.Broadcast(Unsafe.Add(ref hPrevious, k + 2)), ref Unsafe.Add(ref row, 2 * gh), hu, hiddenSide: true);
            c3 = c3.Add<TCell>(TR.Broadcast(Unsafe.Add(ref hPrevious, k + 3)), ref Unsafe.Add(ref row, 3 * gh), hu, hiddenSide: true);
            row = ref Unsafe.Add(ref row, 4 * gh);
        }
        for (; k < h; k++, row = ref Unsafe.Add(ref row, gh)) c2 = c2.Add<TCell>(TR.Broadcast(Unsafe.Add(ref hPrevious, k)), ref row, hu, hiddenSide: true);

        GateSums<TR> sum = (c0 + c1) + (c2 + c3);
        return TCell.Step<TLayer, TR>(sum.S0, sum.S1, sum.S2, sum.S3, ref hPrevious, ref extra, j);
    }
}
