using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The gate arithmetic of one recurrent cell (LSTM, GRU, plain RNN) on one register of hidden units
/// at offset <c>j</c> of one sample's row: everything that differs between the three layers. The
/// products, the time loop and the gradient bookkeeping live once in <see cref="Recurrence"/>.
/// </summary>
internal interface IRecurrentCell
{
    /// <summary>Gates G: the weights are [G·H, F] and [G·H, H].</summary>
    static abstract int Gates { get; }

    /// <summary>Vectors of H floats per step and sample saved besides the gates and h_{t−1} (LSTM: c_t; GRU: W_hn·h + b_hn; RNN: none).</summary>
    static abstract int ExtraStates { get; }

    /// <summary>Vectors of H floats a streaming step carries besides h (LSTM: c; GRU, RNN: none).</summary>
    static abstract int StepStates { get; }

    /// <summary>Whether the hidden-side pre-activation gradient differs from the input-side one (GRU's n gate).</summary>
    static abstract bool SeparateHiddenGradient { get; }

    /// <summary>Whether the carry row holds a direct dL/dh_{t−1} term to add after the recurrent product (GRU's z·dh).</summary>
    static abstract bool CarryIsHidden { get; }

    /// <summary>
    /// One step forward on lanes <c>[j, j + Count)</c>: <paramref name="gates"/> holds the input
    /// projection (x·W_ihᵀ + b_ih) and, when training, receives the gate activations;
    /// <paramref name="recurrent"/> holds h_{t−1}·W_hhᵀ + b_hh; <paramref name="extraPrevious"/>/<paramref name="extra"/>
    /// are the cell's previous/new extra state; h_t goes to both <paramref name="h1"/> and <paramref name="h2"/>.
    /// On the first step h_{t−1} and the previous extra state are zero and not read.
    /// </summary>
    static abstract void Forward<TLayer, TR>(ref float gates, ref float recurrent, ref float hPrevious, ref float extraPrevious, ref float extra,
        ref float h1, ref float h2, nuint j, bool first, bool training)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>;

    /// <summary>
    /// Whether the streaming step keeps the hidden side of the last gate apart from its input side (GRU's
    /// <c>W_hn·h + b_hn</c>, which the reset gate scales): then <see cref="Step{TLayer, TR}"/>'s slot 3 holds it.
    /// </summary>
    static abstract bool KeepsHiddenLastGateApart { get; }

    /// <summary>
    /// One streaming step on lanes <c>[j, j + Count)</c> from the gates' summed pre-activations in registers
    /// (slot g = gate g, both sides; see <see cref="KeepsHiddenLastGateApart"/>): reads h_{t−1} from
    /// <paramref name="hPrevious"/>, reads and updates the extra state in <paramref name="extra"/>, returns h_t (the caller stores it).
    /// </summary>
    static abstract TR Step<TLayer, TR>(TR slot0, TR slot1, TR slot2, TR slot3, ref float hPrevious, ref float extra, nuint j)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>;

    /// <summary>
    /// One step backward on lanes <c>[j, j + Count)</c>: reads the saved gates, extra state and h_{t−1},
    /// dL/dh_t from <paramref name="dh"/>, the carry (LSTM: dL/dc_t, replaced by dL/dc_{t−1}; GRU: receives z·dh);
    /// writes the pre-activation gradients <paramref name="dInput"/> (input side) and <paramref name="dHidden"/> (hidden side).
    /// </summary>
    static abstract void Backward<TLayer, TR>(ref float gates, ref float extraPrevious, ref float extra, ref float hPrevious,
        ref float dh, ref float carry, ref float dInput, ref float dHidden, nuint j, bool first)
        where TLayer : struct, IRecurrentLayer
        where TR : struct, IFloatRegister<TR>;
}

/// <summary>
/// The time loop shared by the recurrent nodes. Inference: per step and sample, the streaming step's kernel
/// (<see cref="RecurrentStep.Advance{TLayer, TCell, TReg}"/>: both products and the gates in registers). Training:
/// the input projection of every step at once, <c>P[rows·T, G·H] = X[rows·T, F]·W_ihᵀ + b_ih</c> (one
/// register-blocked product reading the stored W_ihᵀ in place), then per step <c>Z[rows, G·H] = h_{t−1}·W_hhᵀ + b_hh</c>
/// over the batch and the cell's gates in registers, saving what backward needs. Backward (BPTT): per step from the last, the cell turns dL/dh_t into
/// the pre-activation gradients dA, and <c>dA_t·W_hh</c> carries dL/dh back a step; then the
/// parameter gradients and the input gradient are each one product over all rows·T.
/// </summary>
/// <remarks>
/// Layouts (floats). Parameters: PyTorch's tensors with both weights stored transposed, <c>W_ihᵀ [F, GH]</c>,
/// <c>W_hhᵀ [H, GH]</c>, then <c>b_ih [GH]</c>, <c>b_hh [GH]</c> (weight files convert, as for Dense). That is the
/// layout every forward product and the streaming step read row by row, so no pass transposes or caches a
/// packed copy: whatever writes the parameters (an optimizer, LoadWeights, the user) is seen by the next call.
/// Saved: gates <c>[rows, T, GH]</c>, the cell's extra state <c>[rows, T, E]</c>, h_{t−1} <c>[rows, T, H]</c>
/// (zero at t = 0, so dW_hh is one product), then slack. Training forward scratch: <c>b_ih</c>, <c>b_hh</c> (copied,
/// so a product's bias loads stay inside the scratch) and <c>Z [rows, GH]</c>. Inference scratch: h_0 = 0 <c>[H]</c>,
/// then per sample a ping-pong pair for h <c>[2H]</c> and the step's extra state (LSTM: c). Backward scratch: <c>W_ih</c>, <c>W_hh</c> (PyTorch's
/// layout, transposed once per call: the backward products read them as B), <c>dA_x [rows, T, GH]</c>,
/// <c>dA_h</c> (GRU only), <c>dh [rows, H]</c>, carry <c>[rows, H]</c>. Every region a product reads as B or
/// stores into is followed by another region or by the slack at the end; the weight gradients are stored
/// straight into the parameter gradients (the product's partial stores are masked).
/// </remarks>
internal static class Recurrence
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ParameterCount<TLayer, TCell>()
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
    {
        int gh = TCell.Gates * TLayer.Hidden;
        return gh * (TLayer.Features + TLayer.Hidden + 2);
    }

    public static long SavedLength<TLayer, TCell>(int rows)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell =>
        (long)rows * TLayer.Sequence * (TCell.Gates + TCell.ExtraStates + 1) * TLayer.Hidden;

    public static long ScratchLength<TLayer, TCell>(int rows)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
    {
        long gh = TCell.Gates * TLayer.Hidden, f = TLayer.Features, h = TLayer.Hidden, steps = (long)rows * TLayer.Sequence;
        long forward = 2 * gh + rows * gh;
        // Inference: a zero h_0 [H], then per row h ping-pong [2H] and the step's extra state.
        long inference = h + rows * (2L + TCell.StepStates) * h;
        long backward = (f + h) * gh + steps * gh * (TCell.SeparateHiddenGradient ? 2 : 1) + 2L * rows * h;
        return Math.Max(Math.Max(forward, inference), backward);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckShape<TLayer>() where TLayer : struct, IRecurrentLayer
    {
        if (TLayer.Sequence <= 0 || TLayer.Features <= 0 || TLayer.Hidden <= 0) ThrowShape(typeof(TLayer));
    }

    private static void ThrowShape(Type layer) =>
        throw new ArgumentException($"{layer.Name} is not a valid recurrent layer: Sequence, Features and Hidden must be positive.", "TLayer");

    /// <summary>
    /// PyTorch's reset_parameters: every weight and bias U(−1/√H, 1/√H), drawn in PyTorch's element order
    /// (so a seed gives the same weights whatever the stored layout) and stored transposed.
    /// </summary>
    public static void Initialize<TLayer, TCell>(Span<float> parameters, Random random, string node)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckShape<TLayer>();
        int count = ParameterCount<TLayer, TCell>();
        BufferLayout.Require(parameters.Length, count, nameof(parameters), node, slack: false);
        double bound = 1 / Math.Sqrt(TLayer.Hidden);
        int gh = TCell.Gates * TLayer.Hidden, f = TLayer.Features, h = TLayer.Hidden;
        for (int q = 0; q < gh; q++)
            for (int k = 0; k < f; k++) parameters[k * gh + q] = Draw(random, bound);
        for (int q = 0; q < gh; q++)
            for (int k = 0; k < h; k++) parameters[(f + k) * gh + q] = Draw(random, bound);
        for (int i = gh * (f + h); i < count; i++) parameters[i] = Draw(random, bound);
    }

    private static float Draw(Random random, double bound) => (float)((random.NextDouble() * 2 - 1) * bound);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TCell, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs,
        Span<float> saved, Span<float> scratch, int rows, bool training, string node)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int f = TLayer.Features, h = TLayer.Hidden, T = TLayer.Sequence, gh = TCell.Gates * h, e = TCell.ExtraStates * h;
        bool sequences = TLayer.ReturnSequences;
        int steps = rows * T;
        BufferLayout.Require(inputs.Length, (long)steps * f, nameof(inputs), node, slack: false);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer, TCell>(), nameof(parameters), node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * (sequences ? T * h : h), nameof(outputs), node, slack: false);
        if (training) BufferLayout.Require(saved.Length, SavedLength<TLayer, TCell>(rows), nameof(saved), node);
        BufferLayout.Require(scratch.Length, ScratchLength<TLayer, TCell>(rows), nameof(scratch), node);

        if (!training)
        {
            InferenceSteps<TLayer, TCell, TReg>(inputs, parameters, outputs, scratch, rows);
            return;
        }

        // The weights are read where they are stored (a product's B loads past W_hhᵀ's last row land in b_ih);
        // the biases are copied, since loads past b_hh would leave the parameters.
        ref float wihT = ref MemoryMarshal.GetReference(parameters);
        ref float whhT = ref Unsafe.Add(ref wihT, f * gh);
        ref float bih = ref MemoryMarshal.GetReference(scratch);
        ref float bhh = ref Unsafe.Add(ref bih, gh);
        ref float z = ref Unsafe.Add(ref bhh, gh);
        parameters.Slice(gh * (f + h), 2 * gh).CopyTo(scratch);

        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float pre = ref MemoryMarshal.GetReference(saved);
        ref float extra = ref Unsafe.Add(ref pre, steps * gh);
        ref float hPrevious = ref Unsafe.Add(ref extra, steps * e);

        // Every step's input projection at once: P[rows·T, GH] = X·W_ihᵀ + b_ih.
        MatrixProduct.Run<InputProjection<TLayer, TCell>, TReg>(ref MemoryMarshal.GetReference(inputs), ref wihT, ref bih, ref pre, steps, f);
        for (int r = 0; r < rows; r++) saved.Slice((steps * (gh + e)) + r * T * h, h).Clear();

        for (int t = 0; t < T; t++)
        {
            bool first = t == 0;
            // Z[rows, GH] = h_{t−1}·W_hhᵀ + b_hh over the batch; at t = 0, h is zero and Z is b_hh itself.
            if (!first)
                MatrixProduct.Run<SequenceRecurrence<TLayer, TCell>, TReg>(ref Unsafe.Add(ref hPrevious, t * h), ref whhT, ref bhh, ref z, rows, h);
            for (int r = 0; r < rows; r++)
            {
                int step = r * T + t;
                ref float output = ref Unsafe.Add(ref y, sequences ? step * h : r * h);
                ref float ex = ref Unsafe.Add(ref extra, step * e);
                ref float exPrevious = ref first ? ref ex : ref Unsafe.Add(ref extra, (step - 1) * e);
                bool last = t == T - 1;
                ref float h1 = ref last ? ref output : ref Unsafe.Add(ref hPrevious, (step + 1) * h);
                ref float h2 = ref sequences || last ? ref output : ref h1;
                Row<TLayer, TCell, TReg>(ref Unsafe.Add(ref pre, step * gh), ref first ? ref bhh : ref Unsafe.Add(ref z, r * gh),
                    ref Unsafe.Add(ref hPrevious, step * h), ref exPrevious, ref ex, ref h1, ref h2, first, training: true);
            }
        }
    }

    // Inference runs the streaming step's kernel per sample and step: x_t·W_ihᵀ and h_{t−1}·W_hhᵀ build up in the
    // same registers and the gates follow without a store, where a product per step over one sample pays its
    // blocking and bias setup every step and puts the pre-activations through memory twice. h_{t−1} is h_0 = 0,
    // the previous output row (ReturnSequences) or the other half of a per-row ping-pong pair; the last step
    // writes the output. Compiled on its own, straight to optimized code, so the step kernel inlines into it with a
    // fresh inlining budget rather than being left as a call from the long Forward.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InferenceSteps<TLayer, TCell, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        int f = TLayer.Features, h = TLayer.Hidden, T = TLayer.Sequence, rowFloats = (2 + TCell.StepStates) * h;
        bool sequences = TLayer.ReturnSequences;
        scratch.Slice(0, h + rows * rowFloats).Clear();
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float zero = ref MemoryMarshal.GetReference(scratch);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        for (int t = 0; t < T; t++)
        {
            bool last = t == T - 1;
            // The rows are independent, so one row's gate arithmetic overlaps the next row's products.
            for (int r = 0; r < rows; r++)
            {
                ref float pair = ref Unsafe.Add(ref zero, h + r * rowFloats);
                ref float extra = ref Unsafe.Add(ref pair, 2 * h);
                ref float hPrevious = ref t == 0 ? ref zero
                    : ref sequences ? ref Unsafe.Add(ref y, (r * T + t - 1) * h) : ref Unsafe.Add(ref pair, (t & 1) * h);
                ref float hNext = ref sequences ? ref Unsafe.Add(ref y, (r * T + t) * h)
                    : ref last ? ref Unsafe.Add(ref y, r * h) : ref Unsafe.Add(ref pair, ((t + 1) & 1) * h);
                RecurrentStep.Advance<TLayer, TCell, TReg>(ref Unsafe.Add(ref x, (r * T + t) * f), ref p, ref hPrevious, ref extra, ref hNext);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row<TLayer, TCell, TReg>(ref float gates, ref float recurrent, ref float hPrevious, ref float extraPrevious, ref float extra,
        ref float h1, ref float h2, bool first, bool training)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        int h = TLayer.Hidden, j = 0;
        for (; j + TReg.Count <= h; j += TReg.Count)
            TCell.Forward<TLayer, TReg>(ref gates, ref recurrent, ref hPrevious, ref extraPrevious, ref extra, ref h1, ref h2, (nuint)j, first, training);
        for (; j < h; j++)
            TCell.Forward<TLayer, FloatScalar>(ref gates, ref recurrent, ref hPrevious, ref extraPrevious, ref extra, ref h1, ref h2, (nuint)j, first, training);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TCell, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients, ReadOnlySpan<float> saved, Span<float> inputGradient,
        GradientMode mode, Span<float> scratch, int rows, string node)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int f = TLayer.Features, h = TLayer.Hidden, T = TLayer.Sequence, gh = TCell.Gates * h, e = TCell.ExtraStates * h;
        bool sequences = TLayer.ReturnSequences;
        int steps = rows * T;
        int outputLength = rows * (sequences ? T * h : h);
        BufferLayout.Require(inputs.Length, (long)steps * f, nameof(inputs), node, slack: false);
        BufferLayout.Require(outputs.Length, outputLength, nameof(outputs), node, slack: false);
        BufferLayout.Require(outputGradient.Length, outputLength, nameof(outputGradient), node, slack: false);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer, TCell>(), nameof(parameters), node, slack: false);
        BufferLayout.Require(parameterGradients.Length, ParameterCount<TLayer, TCell>(), nameof(parameterGradients), node, slack: false);
        BufferLayout.Require(saved.Length, SavedLength<TLayer, TCell>(rows), nameof(saved), node);
        if (mode != GradientMode.None) BufferLayout.Require(inputGradient.Length, (long)steps * f, nameof(inputGradient), node);
        BufferLayout.Require(scratch.Length, ScratchLength<TLayer, TCell>(rows), nameof(scratch), node);

        ref float wih = ref MemoryMarshal.GetReference(scratch);
        ref float whh = ref Unsafe.Add(ref wih, gh * f);
        ref float dInput = ref Unsafe.Add(ref whh, gh * h);
        ref float dHidden = ref TCell.SeparateHiddenGradient ? ref Unsafe.Add(ref dInput, steps * gh) : ref dInput;
        ref float dh = ref Unsafe.Add(ref dHidden, steps * gh);
        ref float carry = ref Unsafe.Add(ref dh, rows * h);
        int dhOffset = (f + h) * gh + steps * gh * (TCell.SeparateHiddenGradient ? 2 : 1);
        Span<float> dhRows = scratch.Slice(dhOffset, rows * h), carryRows = scratch.Slice(dhOffset + rows * h, rows * h);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        MatrixKernels.Transpose(ref p, f, gh, ref wih);
        MatrixKernels.Transpose(ref Unsafe.Add(ref p, f * gh), h, gh, ref whh);
        dhRows.Clear();
        carryRows.Clear();

        ref float gatesSaved = ref MemoryMarshal.GetReference(saved);
        ref float extra = ref Unsafe.Add(ref gatesSaved, steps * gh);
        ref float hPrevious = ref Unsafe.Add(ref extra, steps * e);
        for (int t = T - 1; t >= 0; t--)
        {
            bool first = t == 0;
            // dL/dh_t = (what came back from step t + 1) + (the output gradient at step t).
            if (sequences)
            {
                for (int r = 0; r < rows; r++)
                    Elementwise.AddInto<TReg>(dhRows.Slice(r * h, h), outputGradient.Slice((r * T + t) * h, h));
            }
            else if (t == T - 1)
            {
                Elementwise.AddInto<TReg>(dhRows, outputGradient.Slice(0, rows * h));
            }
            for (int r = 0; r < rows; r++)
            {
                int step = r * T + t;
                ref float ex = ref Unsafe.Add(ref extra, step * e);
                ref float exPrevious = ref first ? ref ex : ref Unsafe.Add(ref extra, (step - 1) * e);
                BackwardRow<TLayer, TCell, TReg>(ref Unsafe.Add(ref gatesSaved, step * gh), ref exPrevious, ref ex, ref Unsafe.Add(ref hPrevious, step * h),
                    ref Unsafe.Add(ref dh, r * h), ref Unsafe.Add(ref carry, r * h),
                    ref Unsafe.Add(ref dInput, step * gh), ref Unsafe.Add(ref dHidden, step * gh), first);
            }
            if (first) break;
            // dL/dh_{t−1} = dA_h,t[rows, GH]·W_hh[GH, H] (+ the cell's direct term).
            MatrixProduct.Run<HiddenGradient<TLayer, TCell>, TReg>(ref Unsafe.Add(ref dHidden, t * gh), ref whh, ref whh, ref dh, rows, gh);
            if (TCell.CarryIsHidden) Elementwise.AddInto<TReg>(dhRows, carryRows);
        }

        // dW_ihᵀ[F, GH] = Xᵀ·dA_x and dW_hhᵀ[H, GH] = H_{t−1}ᵀ·dA_h over all rows·T, stored as the weights are.
        ref float dp = ref MemoryMarshal.GetReference(parameterGradients);
        MatrixProduct.Run<WeightGradient<TLayer, TCell, FeatureDepth<TLayer>>, TReg>(ref MemoryMarshal.GetReference(inputs), ref dInput, ref dInput, ref dp, f, steps);
        MatrixProduct.Run<WeightGradient<TLayer, TCell, HiddenDepth<TLayer>>, TReg>(ref hPrevious, ref dHidden, ref dHidden, ref Unsafe.Add(ref dp, gh * f), h, steps);
        int dInputOffset = (f + h) * gh, dHiddenOffset = dInputOffset + (TCell.SeparateHiddenGradient ? steps * gh : 0);
        Elementwise.ColumnSums<TReg>(scratch.Slice(dInputOffset, steps * gh), steps, parameterGradients.Slice(gh * (f + h), gh));
        Elementwise.ColumnSums<TReg>(scratch.Slice(dHiddenOffset, steps * gh), steps, parameterGradients.Slice(gh * (f + h + 1), gh));

        // dX[rows·T, F] = dA_x·W_ih, stored or added.
        if (mode == GradientMode.None) return;
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        if (mode == GradientMode.Store)
            MatrixProduct.Run<InputGradient<TLayer, TCell, ZeroStart>, TReg>(ref dInput, ref wih, ref wih, ref dx, steps, gh);
        else
            MatrixProduct.Run<InputGradient<TLayer, TCell, AccumulateStart>, TReg>(ref dInput, ref wih, ref wih, ref dx, steps, gh);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardRow<TLayer, TCell, TReg>(ref float gates, ref float extraPrevious, ref float extra, ref float hPrevious,
        ref float dh, ref float carry, ref float dInput, ref float dHidden, bool first)
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TReg : struct, IFloatRegister<TReg>
    {
        int h = TLayer.Hidden, j = 0;
        for (; j + TReg.Count <= h; j += TReg.Count)
            TCell.Backward<TLayer, TReg>(ref gates, ref extraPrevious, ref extra, ref hPrevious, ref dh, ref carry, ref dInput, ref dHidden, (nuint)j, first);
        for (; j < h; j++)
            TCell.Backward<TLayer, FloatScalar>(ref gates, ref extraPrevious, ref extra, ref hPrevious, ref dh, ref carry, ref dInput, ref dHidden, (nuint)j, first);
    }

    private interface IDepth
    {
        static abstract int Value { get; }
    }

    private readonly struct FeatureDepth<TLayer> : IDepth where TLayer : struct, IRecurrentLayer
    {
        public static int Value => TLayer.Features;
    }

    private readonly struct HiddenDepth<TLayer> : IDepth where TLayer : struct, IRecurrentLayer
    {
        public static int Value => TLayer.Hidden;
    }

    private interface IStart
    {
        static abstract ProductStart Value { get; }
    }

    private readonly struct ZeroStart : IStart
    {
        public static ProductStart Value => ProductStart.Zero;
    }

    private readonly struct AccumulateStart : IStart
    {
        public static ProductStart Value => ProductStart.Accumulate;
    }

    // P[rows·T, GH] = X[rows·T, F]·W_ihᵀ + b_ih.
    private readonly struct InputProjection<TLayer, TCell> : IProductShape
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
    {
        public static int Columns => TCell.Gates * TLayer.Hidden;
        public static int RowStride => TLayer.Features;
        public static int DepthStride => 1;
        public static ProductStart Start => ProductStart.Bias;
        public static bool Relu => false;
    }

    // Z[rows, GH] = h_{t−1}·W_hhᵀ + b_hh with h_{t−1} one step of a [rows, T, H] sequence.
    private readonly struct SequenceRecurrence<TLayer, TCell> : IProductShape
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
    {
        public static int Columns => TCell.Gates * TLayer.Hidden;
        public static int RowStride => TLayer.Sequence * TLayer.Hidden;
        public static int DepthStride => 1;
        public static ProductStart Start => ProductStart.Bias;
        public static bool Relu => false;
    }

    // dh[rows, H] = dA_h,t[rows, GH]·W_hh[GH, H], dA_h,t one step of [rows, T, GH].
    private readonly struct HiddenGradient<TLayer, TCell> : IProductShape
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
    {
        public static int Columns => TLayer.Hidden;
        public static int RowStride => TLayer.Sequence * TCell.Gates * TLayer.Hidden;
        public static int DepthStride => 1;
        public static ProductStart Start => ProductStart.Zero;
        public static bool Relu => false;
    }

    // dWᵀ[D, GH] = Sᵀ·dA with S [rows·T, D] read as its transpose, the depth the rows·T steps.
    private readonly struct WeightGradient<TLayer, TCell, TDepth> : IProductShape
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TDepth : struct, IDepth
    {
        public static int Columns => TCell.Gates * TLayer.Hidden;
        public static int RowStride => 1;
        public static int DepthStride => TDepth.Value;
        public static ProductStart Start => ProductStart.Zero;
        public static bool Relu => false;
    }

    // dX[rows·T, F] (+)= dA_x[rows·T, GH]·W_ih[GH, F].
    private readonly struct InputGradient<TLayer, TCell, TStart> : IProductShape
        where TLayer : struct, IRecurrentLayer
        where TCell : struct, IRecurrentCell
        where TStart : struct, IStart
    {
        public static int Columns => TLayer.Features;
        public static int RowStride => TCell.Gates * TLayer.Hidden;
        public static int DepthStride => 1;
        public static ProductStart Start => TStart.Value;
        public static bool Relu => false;
    }
}
