using System.Runtime.CompilerServices;

namespace Specialized.Kernels;

/// <summary>
/// The blocks of <see cref="MatrixProduct"/> for a 128-bit register file without a fused multiply-add: x86-64-v2,
/// the default Native AOT target (SSE4.2, 16 registers). There a multiply-add is a multiply and an add, and the
/// product needs a register of its own, so the 4 × 3 block (12 accumulators, 3 registers of B, the broadcast)
/// has one register too few and the JIT keeps an accumulator on the stack: a load and a store on the
/// accumulator's chain every step, which ran the layer at 40 % of the machine's multiply-add rate. Two rows
/// × up to six registers keep 12 accumulators, 2 broadcasts, one register of B and the product: 16, nothing
/// spilled, and each register of B is loaded once for two rows.
/// </summary>
public static partial class MatrixProduct
{
    /// <summary>
    /// The row-pair walk on any register width, whatever the machine; the product takes it by itself only on
    /// 128-bit registers without FMA. For tests, which must run these blocks on a machine that has FMA.
    /// </summary>
    internal static void RunInRowPairs<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int rows, int depth)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        var layout = new Layout(TShape.Columns, TShape.RowStride, TShape.DepthStride, rows * TShape.Columns, TShape.Start == ProductStart.Bias, TShape.Relu);
        if (TShape.Start == ProductStart.Accumulate) RowPairBlocks<FromC, TReg>(ref a, ref b, ref bias, ref c, layout, rows, depth);
        else RowPairBlocks<FromBiasOrZero, TReg>(ref a, ref b, ref bias, ref c, layout, rows, depth);
    }

    // Column panels of up to six registers outside (RowPairPanels.Width), pairs of rows inside, an odd last row alone.
    private static void RowPairBlocks<TKind, TReg>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int rows, int depth)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        int tail = layout.Columns % count;
        int registers = layout.Columns / count + (tail > 0 ? 1 : 0);
        int pairs = rows & ~1;
        for (int v = 0; v < registers;)
        {
            int left = registers - v;
            int width = RowPairPanels.Width(left);
            int lastLanes = v + width == registers ? tail : 0;
            int column = v * count;
            switch (width)
            {
                case 6: PairPanel<TKind, TReg, Registers6>(ref a, ref b, ref bias, ref c, layout, pairs, column, depth, lastLanes); break;
                case 5: PairPanel<TKind, TReg, Registers5>(ref a, ref b, ref bias, ref c, layout, pairs, column, depth, lastLanes); break;
                case 4: PairPanel<TKind, TReg, Registers4>(ref a, ref b, ref bias, ref c, layout, pairs, column, depth, lastLanes); break;
                case 3: PairPanel<TKind, TReg, Registers3>(ref a, ref b, ref bias, ref c, layout, pairs, column, depth, lastLanes); break;
                case 2: PairPanel<TKind, TReg, Registers2>(ref a, ref b, ref bias, ref c, layout, pairs, column, depth, lastLanes); break;
                default: PairPanel<TKind, TReg, Registers1>(ref a, ref b, ref bias, ref c, layout, pairs, column, depth, lastLanes); break;
            }
            v += width;
        }
        SingleRows<TKind, TReg>(ref a, ref b, ref bias, ref c, layout, pairs, rows, depth);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairPanel<TKind, TReg, TWidth>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int pairs, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
        where TWidth : struct, IRegisterCount
    {
        for (int r = 0; r < pairs; r += 2)
            BlockPair<TKind, TReg, TWidth>(ref a, ref b, ref bias, ref c, layout, r, column, depth, lastLanes);
    }

    // Two rows × TWidth registers (one to six, folded by the JIT: the registers past the width and their code are
    // gone). Four or more registers give eight or more independent accumulators; up to three registers add a second
    // chain over k (12 accumulators at three), so that enough multiply-adds are in flight to hide the add's latency.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BlockPair<TKind, TReg, TWidth>(ref float a, ref float b, ref float bias, ref float c, in Layout layout, int r, int column, int depth, int lastLanes)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg>
        where TWidth : struct, IRegisterCount
    {
        int w = TWidth.Value, count = TReg.Count, n = layout.Columns, end = layout.End;
        bool relu = layout.Relu;
        TReg c00 = StartIfUsed<TKind, TReg>(ref bias, ref c, layout, r, column, true), c10 = StartOfSecondRow<TKind, TReg>(c00, ref c, layout, r, column, true);
        TReg c01 = StartIfUsed<TKind, TReg>(ref bias, ref c, layout, r, column + count, w > 1), c11 = StartOfSecondRow<TKind, TReg>(c01, ref c, layout, r, column + count, w > 1);
        TReg c02 = StartIfUsed<TKind, TReg>(ref bias, ref c, layout, r, column + 2 * count, w > 2), c12 = StartOfSecondRow<TKind, TReg>(c02, ref c, layout, r, column + 2 * count, w > 2);
        TReg c03 = StartIfUsed<TKind, TReg>(ref bias, ref c, layout, r, column + 3 * count, w > 3), c13 = StartOfSecondRow<TKind, TReg>(c03, ref c, layout, r, column + 3 * count, w > 3);
        TReg c04 = StartIfUsed<TKind, TReg>(ref bias, ref c, layout, r, column + 4 * count, w > 4), c14 = StartOfSecondRow<TKind, TReg>(c04, ref c, layout, r, column + 4 * count, w > 4);
        TReg c05 = StartIfUsed<TKind, TReg>(ref bias, ref c, layout, r, column + 5 * count, w > 5), c15 = StartOfSecondRow<TKind, TReg>(c05, ref c, layout, r, column + 5 * count, w > 5);
        TReg d00 = TReg.Zero, d01 = TReg.Zero, d02 = TReg.Zero, d10 = TReg.Zero, d11 = TReg.Zero, d12 = TReg.Zero;
        nint row1 = layout.RowStride, step = layout.DepthStride;
        ref float ak = ref Unsafe.Add(ref a, r * layout.RowStride);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        if (w <= 3)
        {
            for (; k + 2 <= depth; k += 2)
            {
                // The first k's broadcasts die before the second's are made: 12 accumulators, 2 broadcasts, B and the product.
                ref float an = ref Unsafe.Add(ref ak, step);
                ref float bn = ref Unsafe.Add(ref bk, n);
                TReg x0 = TReg.Broadcast(ak), x1 = Broadcast<TReg>(ref ak, row1);
                TReg b0 = TReg.Load(ref bk, 0);
                c00 = TReg.MultiplyAdd(x0, b0, c00); c10 = TReg.MultiplyAdd(x1, b0, c10);
                if (w > 1) { TReg b1 = TReg.Load(ref bk, (nuint)count); c01 = TReg.MultiplyAdd(x0, b1, c01); c11 = TReg.MultiplyAdd(x1, b1, c11); }
                if (w > 2) { TReg b2 = TReg.Load(ref bk, (nuint)(2 * count)); c02 = TReg.MultiplyAdd(x0, b2, c02); c12 = TReg.MultiplyAdd(x1, b2, c12); }
                TReg y0 = TReg.Broadcast(an), y1 = Broadcast<TReg>(ref an, row1);
                TReg e0 = TReg.Load(ref bn, 0);
                d00 = TReg.MultiplyAdd(y0, e0, d00); d10 = TReg.MultiplyAdd(y1, e0, d10);
                if (w > 1) { TReg e1 = TReg.Load(ref bn, (nuint)count); d01 = TReg.MultiplyAdd(y0, e1, d01); d11 = TReg.MultiplyAdd(y1, e1, d11); }
                if (w > 2) { TReg e2 = TReg.Load(ref bn, (nuint)(2 * count)); d02 = TReg.MultiplyAdd(y0, e2, d02); d12 = TReg.MultiplyAdd(y1, e2, d12); }
                ak = ref Unsafe.Add(ref an, step);
                bk = ref Unsafe.Add(ref bn, n);
            }
        }
        for (; k < depth; k++)
        {
            TReg x0 = TReg.Broadcast(ak), x1 = Broadcast<TReg>(ref ak, row1);
            TReg b0 = TReg.Load(ref bk, 0);
            c00 = TReg.MultiplyAdd(x0, b0, c00); c10 = TReg.MultiplyAdd(x1, b0, c10);
            if (w > 1) { TReg b1 = TReg.Load(ref bk, (nuint)count); c01 = TReg.MultiplyAdd(x0, b1, c01); c11 = TReg.MultiplyAdd(x1, b1, c11); }
            if (w > 2) { TReg b2 = TReg.Load(ref bk, (nuint)(2 * count)); c02 = TReg.MultiplyAdd(x0, b2, c02); c12 = TReg.MultiplyAdd(x1, b2, c12); }
            if (w > 3) { TReg b3 = TReg.Load(ref bk, (nuint)(3 * count)); c03 = TReg.MultiplyAdd(x0, b3, c03); c13 = TReg.MultiplyAdd(x1, b3, c13); }
            if (w > 4) { TReg b4 = TReg.Load(ref bk, (nuint)(4 * count)); c04 = TReg.MultiplyAdd(x0, b4, c04); c14 = TReg.MultiplyAdd(x1, b4, c14); }
            if (w > 5) { TReg b5 = TReg.Load(ref bk, (nuint)(5 * count)); c05 = TReg.MultiplyAdd(x0, b5, c05); c15 = TReg.MultiplyAdd(x1, b5, c15); }
            ak = ref Unsafe.Add(ref ak, step);
            bk = ref Unsafe.Add(ref bk, n);
        }
        if (w <= 3)
        {
            c00 += d00; c10 += d10; c01 += d01; c11 += d11; c02 += d02; c12 += d12;
        }
        Finish<TKind, TReg>(c00, ref c, n, end, relu, r, column, w == 1 ? lastLanes : 0);
        Finish<TKind, TReg>(c10, ref c, n, end, relu, r + 1, column, w == 1 ? lastLanes : 0);
        if (w > 1)
        {
            Finish<TKind, TReg>(c01, ref c, n, end, relu, r, column + count, w == 2 ? lastLanes : 0);
            Finish<TKind, TReg>(c11, ref c, n, end, relu, r + 1, column + count, w == 2 ? lastLanes : 0);
        }
        if (w > 2)
        {
            Finish<TKind, TReg>(c02, ref c, n, end, relu, r, column + 2 * count, w == 3 ? lastLanes : 0);
            Finish<TKind, TReg>(c12, ref c, n, end, relu, r + 1, column + 2 * count, w == 3 ? lastLanes : 0);
        }
        if (w > 3)
        {
            Finish<TKind, TReg>(c03, ref c, n, end, relu, r, column + 3 * count, w == 4 ? lastLanes : 0);
            Finish<TKind, TReg>(c13, ref c, n, end, relu, r + 1, column + 3 * count, w == 4 ? lastLanes : 0);
        }
        if (w > 4)
        {
            Finish<TKind, TReg>(c04, ref c, n, end, relu, r, column + 4 * count, w == 5 ? lastLanes : 0);
            Finish<TKind, TReg>(c14, ref c, n, end, relu, r + 1, column + 4 * count, w == 5 ? lastLanes : 0);
        }
        if (w > 5)
        {
            Finish<TKind, TReg>(c05, ref c, n, end, relu, r, column + 5 * count, lastLanes);
            Finish<TKind, TReg>(c15, ref c, n, end, relu, r + 1, column + 5 * count, lastLanes);
        }
    }

    // The start of an accumulator of the block's first row, or zero for a register past the block's width (never read).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg StartIfUsed<TKind, TReg>(ref float bias, ref float c, in Layout layout, int row, int column, bool used)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg> =>
        used ? Start<TKind, TReg>(ref bias, ref c, layout, row, column) : TReg.Zero;

    // The second row starts where the first does, unless the product accumulates into C.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg StartOfSecondRow<TKind, TReg>(TReg first, ref float c, in Layout layout, int row, int column, bool used)
        where TKind : struct, IProductKind
        where TReg : struct, IFloatRegister<TReg> =>
        !TKind.Accumulates || !used ? first : TReg.Load(ref c, (nuint)((row + 1) * layout.Columns + column));
}
