using System.Runtime.CompilerServices;

namespace Specialized.Kernels;

/// <summary>
/// The register-blocked matrix product every dense computation runs on, written once and
/// specialized by the JIT for each register width (<c>TReg</c>) and for whether the accumulators start from C
/// (the product's kind), not for each shape: the blocks read the columns, strides, bias-or-zero start and fused
/// ReLU of <c>TShape</c> at run time, so every product of a kind shares one compiled block, and a
/// model's first training step compiles a handful of blocks instead of one per layer and pass (their
/// loops step by a stride in a register instead of a constant, which costs nothing beside the loads and
/// multiply-adds). Blocks: 8 rows × 3 registers on the 512-bit path (24 accumulators in AVX-512's 32
/// registers), or 6 rows × 4 registers there when a row's registers come in fours (the last four rows 4 × 4), 4 rows × 3 registers of columns (12 independent accumulators; each B register loaded once for 4 rows, each broadcast of A used 3 times), then
/// 4 × 2 and 4 × 1 for the last columns (8 × 1 on the 512-bit path, where a product of one register, such as
/// a 10-unit output layer, spends all its time), and single rows × 8 registers, or × 4, 2 or 1 with 2, 4 or 8
/// interleaved accumulator chains over the depth so a narrow block never waits on the multiply-add
/// latency. Rows of A and B are walked by bumped references, so a step spends its instructions on
/// loads and multiply-adds, not on index arithmetic. The last, partial register of a row is stored lane by lane through a mask.
/// Blocks whose broadcast of A feeds a single multiply-add pass the scalar itself
/// (<see cref="IFloatRegister{TSelf}.MultiplyAdd(float, TSelf, TSelf)"/>), which AVX-512 folds into the multiply-add.
/// On 128-bit registers without FMA (x86-64-v2) the walk is a different one, in row pairs (MatrixProductRowPairs.cs).
/// Reduction order depends only on the shape, never on alignment, so results repeat run to run.
/// Each block is its own method, compiled apart from <see cref="Run{TShape, TReg}"/>: inlined into one
/// body, the blocks exhaust the JIT's inlining budget and the inner loops end up making calls.
/// </summary>
/// <remarks>
/// Unchecked: callers (the node kernels) check every span once per call. Loads of B (and of C when
/// accumulating) may read up to <c>Count − 1</c> floats past the last column of the last row; those
/// lanes are never kept, and the buffers' slack (<see cref="BufferLayout.Slack"/>) keeps them in bounds.
/// Stores never write past C's <c>rows × Columns</c> floats, so a product may store into a caller's exact span.
/// </remarks>
public static partial class MatrixProduct
{
    /// <summary>C[rows, Columns] = start + A·B with A's depth <paramref name="depth"/>.</summary>
    /// <remarks>Inlined into its caller (a node kernel): it only picks the kind of product, the blocks do the work.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int rows, int depth)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        var layout = new Layout(TShape.Columns, TShape.RowStride, TShape.DepthStride, rows * TShape.Columns, TShape.Start == ProductStart.Bias, TShape.Relu);
        if (TShape.Start == ProductStart.Accumulate) Blocks<FromC, TReg>(ref a, ref b, ref bias, ref c, layout, rows, depth);
        else Blocks<FromBiasOrZero, TReg>(ref a, ref b, ref bias, ref c, layout, rows, depth);
    }

    // The walk over blocks, for every product of one kind; the shape's constants still fold where Run is inlined.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blocks<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int rows, int depth)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        if (TReg.Count == 4 && !RowPairPanels.FusedMultiplyAdd)
        {
            RowPairBlocks<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, rows, depth);
            return;
        }
        if (rows == 1)
        {
            // One row (a batch-1 forward): straight to the single-row blocks, past the row-group bookkeeping.
            SingleRows<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, 0, 1, depth);
            return;
        }
        int count = TReg.Count;
        int tail = layout.Columns % count;
        int registers = layout.Columns / count + (tail > 0 ? 1 : 0);
        // Column panels outside, groups of four rows inside: one panel of B (up to 3 registers wide, all of the
        // depth: 24 KB for 128 × 48 floats) stays in L1 while every row group streams past it, instead of all
        // of B being re-read from L2 for each group of rows. Each output still sums over k in the same order.
        int fullRows = rows & ~3;
        int eightRows = count == 16 ? rows & ~7 : 0;
        int v = 0;
        if (count == 16 && registers % 4 == 0 && registers % 3 != 0)
        {
            // Registers in fours (64 or 128 columns): 8 × 3 panels would leave one or two registers to the
            // weaker 4-row blocks, so 6 × 4 panels instead; the last rows, a multiple of four, take 4 × 4 (as 4 × 3 + 4 × 1
            // they took 12 % of a 64-row product's time for 6 % of its work).
            int sixRows = fullRows / 6 * 6;
            while ((fullRows - sixRows) % 4 != 0) sixRows -= 6;
            for (; v < registers; v += 4)
            {
                int lastLanes = v + 4 == registers ? tail : 0;
                int r = 0;
                for (; r < sixRows; r += 6)
                    Block6x4<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r, v * count, depth, lastLanes);
                for (; r < fullRows; r += 4)
                    Block4x4<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r, v * count, depth, lastLanes);
            }
        }
        for (; v + 3 <= registers; v += 3)
        {
            int lastLanes = v + 3 == registers ? tail : 0;
            int r4 = 0;
            for (; r4 < eightRows; r4 += 8)
                Block8x3<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r4, v * count, depth, lastLanes);
            for (; r4 < fullRows; r4 += 4)
                Block4x3<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r4, v * count, depth, lastLanes);
        }
        if (v + 2 == registers)
        {
            for (int r4 = 0; r4 < fullRows; r4 += 4)
                Block4x2<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r4, v * count, depth, tail);
        }
        else if (v + 1 == registers)
        {
            int r4 = 0;
            for (; r4 < eightRows; r4 += 8)
                Block8x1<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r4, v * count, depth, tail);
            for (; r4 < fullRows; r4 += 4)
                Block4x1<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r4, v * count, depth, tail);
        }
        SingleRows<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, fullRows, rows, depth);
    }

    // Rows first to rows − 1 (fewer than a row group), each alone across all of its registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SingleRows<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int first, int rows, int depth)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        int tail = layout.Columns % count;
        int registers = layout.Columns / count + (tail > 0 ? 1 : 0);
        for (int r = first; r < rows; r++)
        {
            int v = 0;
            for (; v + 8 <= registers; v += 8)
                Block1x8<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r, v * count, depth, v + 8 == registers ? tail : 0);
            for (; v + 4 <= registers; v += 4)
                Block1x4<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r, v * count, depth, v + 4 == registers ? tail : 0);
            if (v + 2 <= registers)
            {
                Block1x2<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r, v * count, depth, v + 2 == registers ? tail : 0);
                v += 2;
            }
            if (v < registers)
                Block1x1<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, r, v * count, depth, tail);
        }
    }

    // What an accumulator starts from; accumulating reads C, the rest are the same for every row of a column.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg Start<TKind, TReg>(ref float bias, ref float c, in Layout layout, int row, int column)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        if (TKind.Accumulates) return TReg.Load(ref c, (nuint)(row * layout.Columns + column));
        return layout.FromBias ? TReg.Load(ref bias, (nuint)column) : TReg.Zero;
    }

    // Stores one register of row `row` (ReLU first when the product fuses it); `lanes` > 0 marks the row's partial last register.
    // A partial register is blended into C (a load and a whole-register store), which rewrites the floats after it
    // unchanged: harmless inside C, but past C's end (`end` floats) they may be the caller's, so the last row's
    // partial register is stored lane by lane instead and C needs no slack. The sizes and the ReLU flag come as values
    // the block read from its layout once: read through the `in` layout here, they were reloaded after every store.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TKind, TReg>(TReg value, ref float c, int columns, int end, bool relu, int row, int column, int lanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        if (relu) value = TReg.Relu(value);
        int index = row * columns + column;
        if (lanes == 0) TReg.Store(value, ref c, (nuint)index);
        else if (index + TReg.Count <= end) TReg.StoreFirst(value, ref c, (nuint)index, lanes);
        else StoreLanes(value, ref Unsafe.Add(ref c, index), lanes);
    }

    // The first `lanes` floats of a register, and nothing after them (through a register-sized copy on the stack).
    // Inlined: a call in a block would make every accumulator live across it spill (vector registers are
    // caller-saved), which more than doubled a batch-64 forward.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLanes<TReg>(TReg value, ref float destination, int lanes) where TReg : struct, IFloatRegister<TReg>
    {
        var copy = new RegisterLanes();
        TReg.Store(value, ref copy[0], 0);
        for (int i = 0; i < lanes; i++) Unsafe.Add(ref destination, i) = copy[i];
    }

    [InlineArray(16)]
    private struct RegisterLanes
    {
        private float _first;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg Broadcast<TReg>(ref float element, nint offset) where TReg : struct, IFloatRegister<TReg> =>
        TReg.Broadcast(Unsafe.Add(ref element, offset));

    // Six rows × four registers, on the 512-bit path only (24 accumulators, 4 loads of B and 6 broadcasts of A
    // per step). Used where a row's registers come in fours (64 or 128 columns): an 8 × 3 panel would leave one
    // register for the weak 4 × 1 block, which loads a register of B for every four multiply-adds.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block6x4<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        int c1 = column + count, c2 = column + 2 * count, c3 = column + 3 * count;
        TReg c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33, c40, c41, c42, c43, c50, c51, c52, c53;
        if (TKind.Accumulates)
        {
            c00 = Start<TKind, TReg>(ref bias, ref c, layout, r, column); c01 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1); c02 = Start<TKind, TReg>(ref bias, ref c, layout, r, c2); c03 = Start<TKind, TReg>(ref bias, ref c, layout, r, c3);
            c10 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, column); c11 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c1); c12 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c2); c13 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c3);
            c20 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, column); c21 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c1); c22 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c2); c23 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c3);
            c30 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, column); c31 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c1); c32 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c2); c33 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c3);
            c40 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, column); c41 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, c1); c42 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, c2); c43 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, c3);
            c50 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, column); c51 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, c1); c52 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, c2); c53 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, c3);
        }
        else
        {
            c00 = c10 = c20 = c30 = c40 = c50 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
            c01 = c11 = c21 = c31 = c41 = c51 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1);
            c02 = c12 = c22 = c32 = c42 = c52 = Start<TKind, TReg>(ref bias, ref c, layout, r, c2);
            c03 = c13 = c23 = c33 = c43 = c53 = Start<TKind, TReg>(ref bias, ref c, layout, r, c3);
        }
        nint row1 = layout.RowStride, row2 = 2 * row1, row3 = 3 * row1, row4 = 4 * row1, row5 = 5 * row1, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)count), b2 = TReg.Load(ref bk, (nuint)(2 * count)), b3 = TReg.Load(ref bk, (nuint)(3 * count));
            TReg x = TReg.Broadcast(ak);
            c00 = TReg.MultiplyAdd(x, b0, c00); c01 = TReg.MultiplyAdd(x, b1, c01); c02 = TReg.MultiplyAdd(x, b2, c02); c03 = TReg.MultiplyAdd(x, b3, c03);
            x = Broadcast<TReg>(ref ak, row1);
            c10 = TReg.MultiplyAdd(x, b0, c10); c11 = TReg.MultiplyAdd(x, b1, c11); c12 = TReg.MultiplyAdd(x, b2, c12); c13 = TReg.MultiplyAdd(x, b3, c13);
            x = Broadcast<TReg>(ref ak, row2);
            c20 = TReg.MultiplyAdd(x, b0, c20); c21 = TReg.MultiplyAdd(x, b1, c21); c22 = TReg.MultiplyAdd(x, b2, c22); c23 = TReg.MultiplyAdd(x, b3, c23);
            x = Broadcast<TReg>(ref ak, row3);
            c30 = TReg.MultiplyAdd(x, b0, c30); c31 = TReg.MultiplyAdd(x, b1, c31); c32 = TReg.MultiplyAdd(x, b2, c32); c33 = TReg.MultiplyAdd(x, b3, c33);
            x = Broadcast<TReg>(ref ak, row4);
            c40 = TReg.MultiplyAdd(x, b0, c40); c41 = TReg.MultiplyAdd(x, b1, c41); c42 = TReg.MultiplyAdd(x, b2, c42); c43 = TReg.MultiplyAdd(x, b3, c43);
            x = Broadcast<TReg>(ref ak, row5);
            c50 = TReg.MultiplyAdd(x, b0, c50); c51 = TReg.MultiplyAdd(x, b1, c51); c52 = TReg.MultiplyAdd(x, b2, c52); c53 = TReg.MultiplyAdd(x, b3, c53);
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>(c00, ref c, n, end, relu, r, column, 0); Finish<TKind, TReg>(c01, ref c, n, end, relu, r, c1, 0); Finish<TKind, TReg>(c02, ref c, n, end, relu, r, c2, 0); Finish<TKind, TReg>(c03, ref c, n, end, relu, r, c3, lastLanes);
        Finish<TKind, TReg>(c10, ref c, n, end, relu, r + 1, column, 0); Finish<TKind, TReg>(c11, ref c, n, end, relu, r + 1, c1, 0); Finish<TKind, TReg>(c12, ref c, n, end, relu, r + 1, c2, 0); Finish<TKind, TReg>(c13, ref c, n, end, relu, r + 1, c3, lastLanes);
        Finish<TKind, TReg>(c20, ref c, n, end, relu, r + 2, column, 0); Finish<TKind, TReg>(c21, ref c, n, end, relu, r + 2, c1, 0); Finish<TKind, TReg>(c22, ref c, n, end, relu, r + 2, c2, 0); Finish<TKind, TReg>(c23, ref c, n, end, relu, r + 2, c3, lastLanes);
        Finish<TKind, TReg>(c30, ref c, n, end, relu, r + 3, column, 0); Finish<TKind, TReg>(c31, ref c, n, end, relu, r + 3, c1, 0); Finish<TKind, TReg>(c32, ref c, n, end, relu, r + 3, c2, 0); Finish<TKind, TReg>(c33, ref c, n, end, relu, r + 3, c3, lastLanes);
        Finish<TKind, TReg>(c40, ref c, n, end, relu, r + 4, column, 0); Finish<TKind, TReg>(c41, ref c, n, end, relu, r + 4, c1, 0); Finish<TKind, TReg>(c42, ref c, n, end, relu, r + 4, c2, 0); Finish<TKind, TReg>(c43, ref c, n, end, relu, r + 4, c3, lastLanes);
        Finish<TKind, TReg>(c50, ref c, n, end, relu, r + 5, column, 0); Finish<TKind, TReg>(c51, ref c, n, end, relu, r + 5, c1, 0); Finish<TKind, TReg>(c52, ref c, n, end, relu, r + 5, c2, 0); Finish<TKind, TReg>(c53, ref c, n, end, relu, r + 5, c3, lastLanes);
    }

    // Four rows × four registers, on the 512-bit path only: the last four rows of a 6 × 4 panel (16 accumulators).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        int c1 = column + count, c2 = column + 2 * count, c3 = column + 3 * count;
        TReg c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (TKind.Accumulates)
        {
            c00 = Start<TKind, TReg>(ref bias, ref c, layout, r, column); c01 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1); c02 = Start<TKind, TReg>(ref bias, ref c, layout, r, c2); c03 = Start<TKind, TReg>(ref bias, ref c, layout, r, c3);
            c10 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, column); c11 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c1); c12 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c2); c13 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c3);
            c20 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, column); c21 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c1); c22 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c2); c23 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c3);
            c30 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, column); c31 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c1); c32 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c2); c33 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c3);
        }
        else
        {
            c00 = c10 = c20 = c30 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
            c01 = c11 = c21 = c31 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1);
            c02 = c12 = c22 = c32 = Start<TKind, TReg>(ref bias, ref c, layout, r, c2);
            c03 = c13 = c23 = c33 = Start<TKind, TReg>(ref bias, ref c, layout, r, c3);
        }
        nint row1 = layout.RowStride, row2 = 2 * row1, row3 = 3 * row1, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)count), b2 = TReg.Load(ref bk, (nuint)(2 * count)), b3 = TReg.Load(ref bk, (nuint)(3 * count));
            TReg x = TReg.Broadcast(ak);
            c00 = TReg.MultiplyAdd(x, b0, c00); c01 = TReg.MultiplyAdd(x, b1, c01); c02 = TReg.MultiplyAdd(x, b2, c02); c03 = TReg.MultiplyAdd(x, b3, c03);
            x = Broadcast<TReg>(ref ak, row1);
            c10 = TReg.MultiplyAdd(x, b0, c10); c11 = TReg.MultiplyAdd(x, b1, c11); c12 = TReg.MultiplyAdd(x, b2, c12); c13 = TReg.MultiplyAdd(x, b3, c13);
            x = Broadcast<TReg>(ref ak, row2);
            c20 = TReg.MultiplyAdd(x, b0, c20); c21 = TReg.MultiplyAdd(x, b1, c21); c22 = TReg.MultiplyAdd(x, b2, c22); c23 = TReg.MultiplyAdd(x, b3, c23);
            x = Broadcast<TReg>(ref ak, row3);
            c30 = TReg.MultiplyAdd(x, b0, c30); c31 = TReg.MultiplyAdd(x, b1, c31); c32 = TReg.MultiplyAdd(x, b2, c32); c33 = TReg.MultiplyAdd(x, b3, c33);
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>(c00, ref c, n, end, relu, r, column, 0); Finish<TKind, TReg>(c01, ref c, n, end, relu, r, c1, 0); Finish<TKind, TReg>(c02, ref c, n, end, relu, r, c2, 0); Finish<TKind, TReg>(c03, ref c, n, end, relu, r, c3, lastLanes);
        Finish<TKind, TReg>(c10, ref c, n, end, relu, r + 1, column, 0); Finish<TKind, TReg>(c11, ref c, n, end, relu, r + 1, c1, 0); Finish<TKind, TReg>(c12, ref c, n, end, relu, r + 1, c2, 0); Finish<TKind, TReg>(c13, ref c, n, end, relu, r + 1, c3, lastLanes);
        Finish<TKind, TReg>(c20, ref c, n, end, relu, r + 2, column, 0); Finish<TKind, TReg>(c21, ref c, n, end, relu, r + 2, c1, 0); Finish<TKind, TReg>(c22, ref c, n, end, relu, r + 2, c2, 0); Finish<TKind, TReg>(c23, ref c, n, end, relu, r + 2, c3, lastLanes);
        Finish<TKind, TReg>(c30, ref c, n, end, relu, r + 3, column, 0); Finish<TKind, TReg>(c31, ref c, n, end, relu, r + 3, c1, 0); Finish<TKind, TReg>(c32, ref c, n, end, relu, r + 3, c2, 0); Finish<TKind, TReg>(c33, ref c, n, end, relu, r + 3, c3, lastLanes);
    }

    // Eight rows × three registers, on the 512-bit path only (24 accumulators, 3 loads of B and 8 broadcasts
    // of A per step: 28 of AVX-512's 32 registers; narrower paths have 16 registers and keep to 4 × 3). Each
    // register of B is loaded once for eight rows instead of four, halving the loads of B per multiply-add
    // and the block's fixed cost (starts and stores) per multiply-add.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block8x3<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        int c1 = column + count, c2 = column + 2 * count;
        TReg c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (TKind.Accumulates)
        {
            c00 = Start<TKind, TReg>(ref bias, ref c, layout, r + 0, column); c01 = Start<TKind, TReg>(ref bias, ref c, layout, r + 0, c1); c02 = Start<TKind, TReg>(ref bias, ref c, layout, r + 0, c2);
            c10 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, column); c11 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c1); c12 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c2);
            c20 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, column); c21 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c1); c22 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c2);
            c30 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, column); c31 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c1); c32 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c2);
            c40 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, column); c41 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, c1); c42 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, c2);
            c50 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, column); c51 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, c1); c52 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, c2);
            c60 = Start<TKind, TReg>(ref bias, ref c, layout, r + 6, column); c61 = Start<TKind, TReg>(ref bias, ref c, layout, r + 6, c1); c62 = Start<TKind, TReg>(ref bias, ref c, layout, r + 6, c2);
            c70 = Start<TKind, TReg>(ref bias, ref c, layout, r + 7, column); c71 = Start<TKind, TReg>(ref bias, ref c, layout, r + 7, c1); c72 = Start<TKind, TReg>(ref bias, ref c, layout, r + 7, c2);
        }
        else
        {
            c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
            c01 = c11 = c21 = c31 = c41 = c51 = c61 = c71 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1);
            c02 = c12 = c22 = c32 = c42 = c52 = c62 = c72 = Start<TKind, TReg>(ref bias, ref c, layout, r, c2);
        }
        nint row1 = layout.RowStride, row2 = 2 * row1, row3 = 3 * row1, row4 = 4 * row1, row5 = 5 * row1, row6 = 6 * row1, row7 = 7 * row1, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)count), b2 = TReg.Load(ref bk, (nuint)(2 * count));
            TReg x = TReg.Broadcast(ak);
            c00 = TReg.MultiplyAdd(x, b0, c00); c01 = TReg.MultiplyAdd(x, b1, c01); c02 = TReg.MultiplyAdd(x, b2, c02);
            x = Broadcast<TReg>(ref ak, row1);
            c10 = TReg.MultiplyAdd(x, b0, c10); c11 = TReg.MultiplyAdd(x, b1, c11); c12 = TReg.MultiplyAdd(x, b2, c12);
            x = Broadcast<TReg>(ref ak, row2);
            c20 = TReg.MultiplyAdd(x, b0, c20); c21 = TReg.MultiplyAdd(x, b1, c21); c22 = TReg.MultiplyAdd(x, b2, c22);
            x = Broadcast<TReg>(ref ak, row3);
            c30 = TReg.MultiplyAdd(x, b0, c30); c31 = TReg.MultiplyAdd(x, b1, c31); c32 = TReg.MultiplyAdd(x, b2, c32);
            x = Broadcast<TReg>(ref ak, row4);
            c40 = TReg.MultiplyAdd(x, b0, c40); c41 = TReg.MultiplyAdd(x, b1, c41); c42 = TReg.MultiplyAdd(x, b2, c42);
            x = Broadcast<TReg>(ref ak, row5);
            c50 = TReg.MultiplyAdd(x, b0, c50); c51 = TReg.MultiplyAdd(x, b1, c51); c52 = TReg.MultiplyAdd(x, b2, c52);
            x = Broadcast<TReg>(ref ak, row6);
            c60 = TReg.MultiplyAdd(x, b0, c60); c61 = TReg.MultiplyAdd(x, b1, c61); c62 = TReg.MultiplyAdd(x, b2, c62);
            x = Broadcast<TReg>(ref ak, row7);
            c70 = TReg.MultiplyAdd(x, b0, c70); c71 = TReg.MultiplyAdd(x, b1, c71); c72 = TReg.MultiplyAdd(x, b2, c72);
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>(c00, ref c, n, end, relu, r, column, 0); Finish<TKind, TReg>(c01, ref c, n, end, relu, r, c1, 0); Finish<TKind, TReg>(c02, ref c, n, end, relu, r, c2, lastLanes);
        Finish<TKind, TReg>(c10, ref c, n, end, relu, r + 1, column, 0); Finish<TKind, TReg>(c11, ref c, n, end, relu, r + 1, c1, 0); Finish<TKind, TReg>(c12, ref c, n, end, relu, r + 1, c2, lastLanes);
        Finish<TKind, TReg>(c20, ref c, n, end, relu, r + 2, column, 0); Finish<TKind, TReg>(c21, ref c, n, end, relu, r + 2, c1, 0); Finish<TKind, TReg>(c22, ref c, n, end, relu, r + 2, c2, lastLanes);
        Finish<TKind, TReg>(c30, ref c, n, end, relu, r + 3, column, 0); Finish<TKind, TReg>(c31, ref c, n, end, relu, r + 3, c1, 0); Finish<TKind, TReg>(c32, ref c, n, end, relu, r + 3, c2, lastLanes);
        Finish<TKind, TReg>(c40, ref c, n, end, relu, r + 4, column, 0); Finish<TKind, TReg>(c41, ref c, n, end, relu, r + 4, c1, 0); Finish<TKind, TReg>(c42, ref c, n, end, relu, r + 4, c2, lastLanes);
        Finish<TKind, TReg>(c50, ref c, n, end, relu, r + 5, column, 0); Finish<TKind, TReg>(c51, ref c, n, end, relu, r + 5, c1, 0); Finish<TKind, TReg>(c52, ref c, n, end, relu, r + 5, c2, lastLanes);
        Finish<TKind, TReg>(c60, ref c, n, end, relu, r + 6, column, 0); Finish<TKind, TReg>(c61, ref c, n, end, relu, r + 6, c1, 0); Finish<TKind, TReg>(c62, ref c, n, end, relu, r + 6, c2, lastLanes);
        Finish<TKind, TReg>(c70, ref c, n, end, relu, r + 7, column, 0); Finish<TKind, TReg>(c71, ref c, n, end, relu, r + 7, c1, 0); Finish<TKind, TReg>(c72, ref c, n, end, relu, r + 7, c2, lastLanes);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x3<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        int c1 = column + count, c2 = column + 2 * count;
        if (TKind.Accumulates)
        {
            c00 = Start<TKind, TReg>(ref bias, ref c, layout, r, column); c01 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1); c02 = Start<TKind, TReg>(ref bias, ref c, layout, r, c2);
            c10 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, column); c11 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c1); c12 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c2);
            c20 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, column); c21 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c1); c22 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c2);
            c30 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, column); c31 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c1); c32 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c2);
        }
        else
        {
            c00 = c10 = c20 = c30 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
            c01 = c11 = c21 = c31 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1);
            c02 = c12 = c22 = c32 = Start<TKind, TReg>(ref bias, ref c, layout, r, c2);
        }
        nint row1 = layout.RowStride, row2 = 2 * row1, row3 = 3 * row1, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)count), b2 = TReg.Load(ref bk, (nuint)(2 * count));
            TReg x = TReg.Broadcast(ak);
            c00 = TReg.MultiplyAdd(x, b0, c00); c01 = TReg.MultiplyAdd(x, b1, c01); c02 = TReg.MultiplyAdd(x, b2, c02);
            x = Broadcast<TReg>(ref ak, row1);
            c10 = TReg.MultiplyAdd(x, b0, c10); c11 = TReg.MultiplyAdd(x, b1, c11); c12 = TReg.MultiplyAdd(x, b2, c12);
            x = Broadcast<TReg>(ref ak, row2);
            c20 = TReg.MultiplyAdd(x, b0, c20); c21 = TReg.MultiplyAdd(x, b1, c21); c22 = TReg.MultiplyAdd(x, b2, c22);
            x = Broadcast<TReg>(ref ak, row3);
            c30 = TReg.MultiplyAdd(x, b0, c30); c31 = TReg.MultiplyAdd(x, b1, c31); c32 = TReg.MultiplyAdd(x, b2, c32);
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>(c00, ref c, n, end, relu, r, column, 0); Finish<TKind, TReg>(c01, ref c, n, end, relu, r, c1, 0); Finish<TKind, TReg>(c02, ref c, n, end, relu, r, c2, lastLanes);
        Finish<TKind, TReg>(c10, ref c, n, end, relu, r + 1, column, 0); Finish<TKind, TReg>(c11, ref c, n, end, relu, r + 1, c1, 0); Finish<TKind, TReg>(c12, ref c, n, end, relu, r + 1, c2, lastLanes);
        Finish<TKind, TReg>(c20, ref c, n, end, relu, r + 2, column, 0); Finish<TKind, TReg>(c21, ref c, n, end, relu, r + 2, c1, 0); Finish<TKind, TReg>(c22, ref c, n, end, relu, r + 2, c2, lastLanes);
        Finish<TKind, TReg>(c30, ref c, n, end, relu, r + 3, column, 0); Finish<TKind, TReg>(c31, ref c, n, end, relu, r + 3, c1, 0); Finish<TKind, TReg>(c32, ref c, n, end, relu, r + 3, c2, lastLanes);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x2<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c00, c01, c10, c11, c20, c21, c30, c31;
        int c1 = column + count;
        if (TKind.Accumulates)
        {
            c00 = Start<TKind, TReg>(ref bias, ref c, layout, r, column); c01 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1);
            c10 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, column); c11 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, c1);
            c20 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, column); c21 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, c1);
            c30 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, column); c31 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, c1);
        }
        else
        {
            c00 = c10 = c20 = c30 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
            c01 = c11 = c21 = c31 = Start<TKind, TReg>(ref bias, ref c, layout, r, c1);
        }
        nint row1 = layout.RowStride, row2 = 2 * row1, row3 = 3 * row1, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)count);
            TReg x = TReg.Broadcast(ak);
            c00 = TReg.MultiplyAdd(x, b0, c00); c01 = TReg.MultiplyAdd(x, b1, c01);
            x = Broadcast<TReg>(ref ak, row1);
            c10 = TReg.MultiplyAdd(x, b0, c10); c11 = TReg.MultiplyAdd(x, b1, c11);
            x = Broadcast<TReg>(ref ak, row2);
            c20 = TReg.MultiplyAdd(x, b0, c20); c21 = TReg.MultiplyAdd(x, b1, c21);
            x = Broadcast<TReg>(ref ak, row3);
            c30 = TReg.MultiplyAdd(x, b0, c30); c31 = TReg.MultiplyAdd(x, b1, c31);
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>(c00, ref c, n, end, relu, r, column, 0); Finish<TKind, TReg>(c01, ref c, n, end, relu, r, c1, lastLanes);
        Finish<TKind, TReg>(c10, ref c, n, end, relu, r + 1, column, 0); Finish<TKind, TReg>(c11, ref c, n, end, relu, r + 1, c1, lastLanes);
        Finish<TKind, TReg>(c20, ref c, n, end, relu, r + 2, column, 0); Finish<TKind, TReg>(c21, ref c, n, end, relu, r + 2, c1, lastLanes);
        Finish<TKind, TReg>(c30, ref c, n, end, relu, r + 3, column, 0); Finish<TKind, TReg>(c31, ref c, n, end, relu, r + 3, c1, lastLanes);
    }

    // Eight rows, one register, on the 512-bit path only: two chains over k (16 accumulators of AVX-512's 32).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block8x1<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c0, c1, c2, c3, c4, c5, c6, c7;
        if (TKind.Accumulates)
        {
            c0 = Start<TKind, TReg>(ref bias, ref c, layout, r, column); c1 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, column);
            c2 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, column); c3 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, column);
            c4 = Start<TKind, TReg>(ref bias, ref c, layout, r + 4, column); c5 = Start<TKind, TReg>(ref bias, ref c, layout, r + 5, column);
            c6 = Start<TKind, TReg>(ref bias, ref c, layout, r + 6, column); c7 = Start<TKind, TReg>(ref bias, ref c, layout, r + 7, column);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
        }
        TReg d0 = TReg.Zero, d1 = TReg.Zero, d2 = TReg.Zero, d3 = TReg.Zero, d4 = TReg.Zero, d5 = TReg.Zero, d6 = TReg.Zero, d7 = TReg.Zero;
        nint row1 = layout.RowStride, row2 = 2 * row1, row3 = 3 * row1, row4 = 4 * row1, row5 = 5 * row1, row6 = 6 * row1, row7 = 7 * row1, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 2 <= depth; k += 2)
        {
            ref float an = ref Unsafe.Add(ref ak, step);
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)n);
            c0 = TReg.MultiplyAdd(ak, b0, c0);
            c1 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row1), b0, c1);
            c2 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row2), b0, c2);
            c3 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row3), b0, c3);
            c4 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row4), b0, c4);
            c5 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row5), b0, c5);
            c6 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row6), b0, c6);
            c7 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row7), b0, c7);
            d0 = TReg.MultiplyAdd(an, b1, d0);
            d1 = TReg.MultiplyAdd(Unsafe.Add(ref an, row1), b1, d1);
            d2 = TReg.MultiplyAdd(Unsafe.Add(ref an, row2), b1, d2);
            d3 = TReg.MultiplyAdd(Unsafe.Add(ref an, row3), b1, d3);
            d4 = TReg.MultiplyAdd(Unsafe.Add(ref an, row4), b1, d4);
            d5 = TReg.MultiplyAdd(Unsafe.Add(ref an, row5), b1, d5);
            d6 = TReg.MultiplyAdd(Unsafe.Add(ref an, row6), b1, d6);
            d7 = TReg.MultiplyAdd(Unsafe.Add(ref an, row7), b1, d7);
            ak = ref Unsafe.Add(ref an, step);
            bk = ref Unsafe.Add(ref bk, 2 * n);
        }
        if (k < depth)
        {
            TReg b0 = TReg.Load(ref bk, 0);
            c0 = TReg.MultiplyAdd(ak, b0, c0);
            c1 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row1), b0, c1);
            c2 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row2), b0, c2);
            c3 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row3), b0, c3);
            c4 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row4), b0, c4);
            c5 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row5), b0, c5);
            c6 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row6), b0, c6);
            c7 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row7), b0, c7);
        }
        Finish<TKind, TReg>(c0 + d0, ref c, n, end, relu, r, column, lanes);
        Finish<TKind, TReg>(c1 + d1, ref c, n, end, relu, r + 1, column, lanes);
        Finish<TKind, TReg>(c2 + d2, ref c, n, end, relu, r + 2, column, lanes);
        Finish<TKind, TReg>(c3 + d3, ref c, n, end, relu, r + 3, column, lanes);
        Finish<TKind, TReg>(c4 + d4, ref c, n, end, relu, r + 4, column, lanes);
        Finish<TKind, TReg>(c5 + d5, ref c, n, end, relu, r + 5, column, lanes);
        Finish<TKind, TReg>(c6 + d6, ref c, n, end, relu, r + 6, column, lanes);
        Finish<TKind, TReg>(c7 + d7, ref c, n, end, relu, r + 7, column, lanes);
    }

    // Four rows, one register: two chains over k keep eight multiply-adds in flight.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x1<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c0, c1, c2, c3;
        if (TKind.Accumulates)
        {
            c0 = Start<TKind, TReg>(ref bias, ref c, layout, r, column); c1 = Start<TKind, TReg>(ref bias, ref c, layout, r + 1, column);
            c2 = Start<TKind, TReg>(ref bias, ref c, layout, r + 2, column); c3 = Start<TKind, TReg>(ref bias, ref c, layout, r + 3, column);
        }
        else
        {
            c0 = c1 = c2 = c3 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
        }
        TReg d0 = TReg.Zero, d1 = TReg.Zero, d2 = TReg.Zero, d3 = TReg.Zero;
        nint row1 = layout.RowStride, row2 = 2 * row1, row3 = 3 * row1, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 2 <= depth; k += 2)
        {
            ref float an = ref Unsafe.Add(ref ak, step);
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)n);
            c0 = TReg.MultiplyAdd(ak, b0, c0);
            c1 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row1), b0, c1);
            c2 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row2), b0, c2);
            c3 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row3), b0, c3);
            d0 = TReg.MultiplyAdd(an, b1, d0);
            d1 = TReg.MultiplyAdd(Unsafe.Add(ref an, row1), b1, d1);
            d2 = TReg.MultiplyAdd(Unsafe.Add(ref an, row2), b1, d2);
            d3 = TReg.MultiplyAdd(Unsafe.Add(ref an, row3), b1, d3);
            ak = ref Unsafe.Add(ref an, step);
            bk = ref Unsafe.Add(ref bk, 2 * n);
        }
        if (k < depth)
        {
            TReg b0 = TReg.Load(ref bk, 0);
            c0 = TReg.MultiplyAdd(ak, b0, c0);
            c1 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row1), b0, c1);
            c2 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row2), b0, c2);
            c3 = TReg.MultiplyAdd(Unsafe.Add(ref ak, row3), b0, c3);
        }
        Finish<TKind, TReg>(c0 + d0, ref c, n, end, relu, r, column, lanes);
        Finish<TKind, TReg>(c1 + d1, ref c, n, end, relu, r + 1, column, lanes);
        Finish<TKind, TReg>(c2 + d2, ref c, n, end, relu, r + 2, column, lanes);
        Finish<TKind, TReg>(c3 + d3, ref c, n, end, relu, r + 3, column, lanes);
    }

    // One row, eight registers: eight independent accumulators already cover the multiply-add latency.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x8<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c0 = Start<TKind, TReg>(ref bias, ref c, layout, r, column), c1 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + count);
        TReg c2 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 2 * count), c3 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 3 * count);
        TReg c4 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 4 * count), c5 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 5 * count);
        TReg c6 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 6 * count), c7 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 7 * count);
        nint step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg x = TReg.Broadcast(ak);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)count), c1);
            c2 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(2 * count)), c2);
            c3 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(3 * count)), c3);
            c4 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(4 * count)), c4);
            c5 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(5 * count)), c5);
            c6 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(6 * count)), c6);
            c7 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(7 * count)), c7);
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>(c0, ref c, n, end, relu, r, column, 0); Finish<TKind, TReg>(c1, ref c, n, end, relu, r, column + count, 0);
        Finish<TKind, TReg>(c2, ref c, n, end, relu, r, column + 2 * count, 0); Finish<TKind, TReg>(c3, ref c, n, end, relu, r, column + 3 * count, 0);
        Finish<TKind, TReg>(c4, ref c, n, end, relu, r, column + 4 * count, 0); Finish<TKind, TReg>(c5, ref c, n, end, relu, r, column + 5 * count, 0);
        Finish<TKind, TReg>(c6, ref c, n, end, relu, r, column + 6 * count, 0); Finish<TKind, TReg>(c7, ref c, n, end, relu, r, column + 7 * count, lastLanes);
    }

    // One row, four registers: two chains over k (eight accumulators).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c0 = Start<TKind, TReg>(ref bias, ref c, layout, r, column), c1 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + count);
        TReg c2 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 2 * count), c3 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + 3 * count);
        TReg d0 = TReg.Zero, d1 = TReg.Zero, d2 = TReg.Zero, d3 = TReg.Zero;
        nint step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 2 <= depth; k += 2)
        {
            ref float next = ref Unsafe.Add(ref bk, n);
            TReg x = TReg.Broadcast(ak), y = Broadcast<TReg>(ref ak, step);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)count), c1);
            c2 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(2 * count)), c2);
            c3 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(3 * count)), c3);
            d0 = TReg.MultiplyAdd(y, TReg.Load(ref next, 0), d0);
            d1 = TReg.MultiplyAdd(y, TReg.Load(ref next, (nuint)count), d1);
            d2 = TReg.MultiplyAdd(y, TReg.Load(ref next, (nuint)(2 * count)), d2);
            d3 = TReg.MultiplyAdd(y, TReg.Load(ref next, (nuint)(3 * count)), d3);
            ak = ref Unsafe.Add(ref ak, 2 * step);
            bk = ref Unsafe.Add(ref bk, 2 * n);
        }
        if (k < depth)
        {
            TReg x = TReg.Broadcast(ak);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)count), c1);
            c2 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(2 * count)), c2);
            c3 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(3 * count)), c3);
        }
        Finish<TKind, TReg>(c0 + d0, ref c, n, end, relu, r, column, 0);
        Finish<TKind, TReg>(c1 + d1, ref c, n, end, relu, r, column + count, 0);
        Finish<TKind, TReg>(c2 + d2, ref c, n, end, relu, r, column + 2 * count, 0);
        Finish<TKind, TReg>(c3 + d3, ref c, n, end, relu, r, column + 3 * count, lastLanes);
    }

    // One row, two registers: four chains over k (eight accumulators).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x2<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c0 = Start<TKind, TReg>(ref bias, ref c, layout, r, column), c1 = Start<TKind, TReg>(ref bias, ref c, layout, r, column + count);
        TReg d0 = TReg.Zero, d1 = TReg.Zero, e0 = TReg.Zero, e1 = TReg.Zero, f0 = TReg.Zero, f1 = TReg.Zero;
        nint step = layout.DepthStride, step2 = 2 * step, step3 = 3 * step;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 4 <= depth; k += 4)
        {
            ref float row1 = ref Unsafe.Add(ref bk, n);
            ref float row2 = ref Unsafe.Add(ref bk, 2 * n);
            ref float row3 = ref Unsafe.Add(ref bk, 3 * n);
            TReg x0 = TReg.Broadcast(ak), x1 = Broadcast<TReg>(ref ak, step), x2 = Broadcast<TReg>(ref ak, step2), x3 = Broadcast<TReg>(ref ak, step3);
            c0 = TReg.MultiplyAdd(x0, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x0, TReg.Load(ref bk, (nuint)count), c1);
            d0 = TReg.MultiplyAdd(x1, TReg.Load(ref row1, 0), d0);
            d1 = TReg.MultiplyAdd(x1, TReg.Load(ref row1, (nuint)count), d1);
            e0 = TReg.MultiplyAdd(x2, TReg.Load(ref row2, 0), e0);
            e1 = TReg.MultiplyAdd(x2, TReg.Load(ref row2, (nuint)count), e1);
            f0 = TReg.MultiplyAdd(x3, TReg.Load(ref row3, 0), f0);
            f1 = TReg.MultiplyAdd(x3, TReg.Load(ref row3, (nuint)count), f1);
            ak = ref Unsafe.Add(ref ak, 4 * step);
            bk = ref Unsafe.Add(ref bk, 4 * n);
        }
        for (; k < depth; k++)
        {
            TReg x = TReg.Broadcast(ak);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)count), c1);
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>((c0 + d0) + (e0 + f0), ref c, n, end, relu, r, column, 0);
        Finish<TKind, TReg>((c1 + d1) + (e1 + f1), ref c, n, end, relu, r, column + count, lastLanes);
    }

    // One row, one register: eight chains over k.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x1<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c0 = Start<TKind, TReg>(ref bias, ref c, layout, r, column);
        TReg c1 = TReg.Zero, c2 = TReg.Zero, c3 = TReg.Zero, c4 = TReg.Zero, c5 = TReg.Zero, c6 = TReg.Zero, c7 = TReg.Zero;
        nint s1 = layout.DepthStride, s2 = 2 * s1, s3 = 3 * s1, s4 = 4 * s1, s5 = 5 * s1, s6 = 6 * s1, s7 = 7 * s1;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 8 <= depth; k += 8)
        {
            c0 = TReg.MultiplyAdd(ak, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(Unsafe.Add(ref ak, s1), TReg.Load(ref bk, (nuint)n), c1);
            c2 = TReg.MultiplyAdd(Unsafe.Add(ref ak, s2), TReg.Load(ref bk, (nuint)(2 * n)), c2);
            c3 = TReg.MultiplyAdd(Unsafe.Add(ref ak, s3), TReg.Load(ref bk, (nuint)(3 * n)), c3);
            c4 = TReg.MultiplyAdd(Unsafe.Add(ref ak, s4), TReg.Load(ref bk, (nuint)(4 * n)), c4);
            c5 = TReg.MultiplyAdd(Unsafe.Add(ref ak, s5), TReg.Load(ref bk, (nuint)(5 * n)), c5);
            c6 = TReg.MultiplyAdd(Unsafe.Add(ref ak, s6), TReg.Load(ref bk, (nuint)(6 * n)), c6);
            c7 = TReg.MultiplyAdd(Unsafe.Add(ref ak, s7), TReg.Load(ref bk, (nuint)(7 * n)), c7);
            ak = ref Unsafe.Add(ref ak, 8 * s1);
            bk = ref Unsafe.Add(ref bk, 8 * n);
        }
        for (; k < depth; k++)
        {
            c0 = TReg.MultiplyAdd(ak, TReg.Load(ref bk, 0), c0);
            ak = ref Unsafe.Add(ref ak, s1);
            bk = ref Unsafe.Add(ref bk, n);
        }
        Finish<TKind, TReg>(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)), ref c, n, end, relu, r, column, lanes);
    }

    // The sizes a block needs at run time, and the start and fused ReLU of its product: passed by reference, so every
    // product that does not accumulate into C shares one compiled block per shape of block. (The start and the ReLU were
    // type parameters: the digits MLP's training step compiled its three blocks twice each, bias-started forward and
    // zero-started gradients, about a quarter of a first ComputeGradients; as data they cost a predictable branch per
    // stored register.)
    private readonly struct Layout(int columns, int rowStride, int depthStride, int end, bool fromBias, bool relu)
    {
        public readonly int Columns = columns;
        public readonly int End = end; // floats of C: rows × Columns
        public readonly int RowStride = rowStride;
        public readonly int DepthStride = depthStride;
        public readonly bool FromBias = fromBias;
        public readonly bool Relu = relu;
    }

    // What the blocks still know at compile time: whether the accumulators start from C, which changes the blocks'
    // loads (one per row instead of one per column).
    private interface IProductKind
    {
        static abstract bool Accumulates { get; }
    }

    private readonly struct FromBiasOrZero : IProductKind { public static bool Accumulates => false; }

    private readonly struct FromC : IProductKind { public static bool Accumulates => true; }
}
