using System.Runtime.CompilerServices;

namespace Specialized.Kernels;

/// <summary>
/// The register-blocked matrix product every dense computation runs on, written once and
/// specialized by the JIT for each shape (<c>TShape</c>, whose constants fold) and
/// each register width (<c>TReg</c>). Blocks: 4 rows × 3 registers of columns (12 independent
/// accumulators; each B register loaded once for 4 rows, each broadcast of A used 3 times), then
/// 4 × 2 and 4 × 1 for the last columns, and single rows × 8 registers, or × 4, 2 or 1 with 2, 4 or 8
/// interleaved accumulator chains over the depth so a narrow block never waits on the multiply-add
/// latency. Rows of A and B are walked by bumped references, so a step spends its instructions on
/// loads and multiply-adds, not on index arithmetic. The last, partial register of a row is stored lane by lane through a mask.
/// Reduction order depends only on the shape, never on alignment, so results repeat run to run.
/// Each block is its own method, compiled apart from <see cref="Run{TShape, TReg}"/>: inlined into one
/// body, the blocks exhaust the JIT's inlining budget and the inner loops end up making calls.
/// </summary>
/// <remarks>
/// Unchecked: callers (the node kernels) check every span once per call. Loads of B and the masked
/// store of C may touch up to <c>Count − 1</c> floats past the last column of the last row; those
/// lanes are never stored, and the buffers' slack (<see cref="BufferLayout.Slack"/>) keeps them in bounds.
/// </remarks>
public static class MatrixProduct
{
    /// <summary>C[rows, Columns] = start + A·B with A's depth <paramref name="depth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int rows, int depth)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        int tail = TShape.Columns % count;
        int registers = TShape.Columns / count + (tail > 0 ? 1 : 0);
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            int v = 0;
            for (; v + 3 <= registers; v += 3)
                Block4x3<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, v + 3 == registers ? tail : 0);
            if (v + 2 == registers)
                Block4x2<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, tail);
            else if (v + 1 == registers)
                Block4x1<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, tail);
        }
        for (; r < rows; r++)
        {
            int v = 0;
            for (; v + 8 <= registers; v += 8)
                Block1x8<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, v + 8 == registers ? tail : 0);
            if (v + 4 <= registers)
            {
                Block1x4<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, v + 4 == registers ? tail : 0);
                v += 4;
            }
            for (; v + 4 <= registers; v += 4)
                Block1x4<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, v + 4 == registers ? tail : 0);
            if (v + 2 <= registers)
            {
                Block1x2<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, v + 2 == registers ? tail : 0);
                v += 2;
            }
            if (v < registers)
                Block1x1<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, tail);
        }
    }

    // What an accumulator starts from; Accumulate reads C, the rest are the same for every row of a column.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg Start<TShape, TReg>(ref float bias, ref float c, int row, int column)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        if (TShape.Start == ProductStart.Bias) return TReg.Load(ref bias, (nuint)column);
        if (TShape.Start == ProductStart.Accumulate) return TReg.Load(ref c, (nuint)(row * TShape.Columns + column));
        return TReg.Zero;
    }

    // Stores one register of row `row` (ReLU first when the shape fuses it); `lanes` > 0 marks the row's partial last register.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TShape, TReg>(TReg value, ref float c, int row, int column, int lanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        if (TShape.Relu) value = TReg.Relu(value);
        nuint index = (nuint)(row * TShape.Columns + column);
        if (lanes == 0) TReg.Store(value, ref c, index);
        else TReg.StoreFirst(value, ref c, index, lanes);
    }

    // A[row, k] for k = 0: later elements are Unsafe.Add(ref rowStart, k * DepthStride).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float RowOfA<TShape>(ref float a, int row) where TShape : struct, IProductShape =>
        ref Unsafe.Add(ref a, row * TShape.RowStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg A<TShape, TReg>(ref float row, int k)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg> => TReg.Broadcast(Unsafe.Add(ref row, k * TShape.DepthStride));

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x3<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        TReg c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (TShape.Start == ProductStart.Accumulate)
        {
            c00 = Start<TShape, TReg>(ref bias, ref c, r, column); c01 = Start<TShape, TReg>(ref bias, ref c, r, column + count); c02 = Start<TShape, TReg>(ref bias, ref c, r, column + 2 * count);
            c10 = Start<TShape, TReg>(ref bias, ref c, r + 1, column); c11 = Start<TShape, TReg>(ref bias, ref c, r + 1, column + count); c12 = Start<TShape, TReg>(ref bias, ref c, r + 1, column + 2 * count);
            c20 = Start<TShape, TReg>(ref bias, ref c, r + 2, column); c21 = Start<TShape, TReg>(ref bias, ref c, r + 2, column + count); c22 = Start<TShape, TReg>(ref bias, ref c, r + 2, column + 2 * count);
            c30 = Start<TShape, TReg>(ref bias, ref c, r + 3, column); c31 = Start<TShape, TReg>(ref bias, ref c, r + 3, column + count); c32 = Start<TShape, TReg>(ref bias, ref c, r + 3, column + 2 * count);
        }
        else
        {
            c00 = c10 = c20 = c30 = Start<TShape, TReg>(ref bias, ref c, r, column);
            c01 = c11 = c21 = c31 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
            c02 = c12 = c22 = c32 = Start<TShape, TReg>(ref bias, ref c, r, column + 2 * count);
        }
        ref float a0 = ref RowOfA<TShape>(ref a, r), a1 = ref RowOfA<TShape>(ref a, r + 1), a2 = ref RowOfA<TShape>(ref a, r + 2), a3 = ref RowOfA<TShape>(ref a, r + 3);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)count), b2 = TReg.Load(ref bk, (nuint)(2 * count));
            TReg x = A<TShape, TReg>(ref a0, k);
            c00 = TReg.MultiplyAdd(x, b0, c00); c01 = TReg.MultiplyAdd(x, b1, c01); c02 = TReg.MultiplyAdd(x, b2, c02);
            x = A<TShape, TReg>(ref a1, k);
            c10 = TReg.MultiplyAdd(x, b0, c10); c11 = TReg.MultiplyAdd(x, b1, c11); c12 = TReg.MultiplyAdd(x, b2, c12);
            x = A<TShape, TReg>(ref a2, k);
            c20 = TReg.MultiplyAdd(x, b0, c20); c21 = TReg.MultiplyAdd(x, b1, c21); c22 = TReg.MultiplyAdd(x, b2, c22);
            x = A<TShape, TReg>(ref a3, k);
            c30 = TReg.MultiplyAdd(x, b0, c30); c31 = TReg.MultiplyAdd(x, b1, c31); c32 = TReg.MultiplyAdd(x, b2, c32);
            bk = ref Unsafe.Add(ref bk, TShape.Columns);
        }
        int c1 = column + count, c2 = column + 2 * count;
        Finish<TShape, TReg>(c00, ref c, r, column, 0); Finish<TShape, TReg>(c01, ref c, r, c1, 0); Finish<TShape, TReg>(c02, ref c, r, c2, lastLanes);
        Finish<TShape, TReg>(c10, ref c, r + 1, column, 0); Finish<TShape, TReg>(c11, ref c, r + 1, c1, 0); Finish<TShape, TReg>(c12, ref c, r + 1, c2, lastLanes);
        Finish<TShape, TReg>(c20, ref c, r + 2, column, 0); Finish<TShape, TReg>(c21, ref c, r + 2, c1, 0); Finish<TShape, TReg>(c22, ref c, r + 2, c2, lastLanes);
        Finish<TShape, TReg>(c30, ref c, r + 3, column, 0); Finish<TShape, TReg>(c31, ref c, r + 3, c1, 0); Finish<TShape, TReg>(c32, ref c, r + 3, c2, lastLanes);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x2<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        TReg c00, c01, c10, c11, c20, c21, c30, c31;
        if (TShape.Start == ProductStart.Accumulate)
        {
            c00 = Start<TShape, TReg>(ref bias, ref c, r, column); c01 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
            c10 = Start<TShape, TReg>(ref bias, ref c, r + 1, column); c11 = Start<TShape, TReg>(ref bias, ref c, r + 1, column + count);
            c20 = Start<TShape, TReg>(ref bias, ref c, r + 2, column); c21 = Start<TShape, TReg>(ref bias, ref c, r + 2, column + count);
            c30 = Start<TShape, TReg>(ref bias, ref c, r + 3, column); c31 = Start<TShape, TReg>(ref bias, ref c, r + 3, column + count);
        }
        else
        {
            c00 = c10 = c20 = c30 = Start<TShape, TReg>(ref bias, ref c, r, column);
            c01 = c11 = c21 = c31 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
        }
        ref float a0 = ref RowOfA<TShape>(ref a, r), a1 = ref RowOfA<TShape>(ref a, r + 1), a2 = ref RowOfA<TShape>(ref a, r + 2), a3 = ref RowOfA<TShape>(ref a, r + 3);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)count);
            TReg x = A<TShape, TReg>(ref a0, k);
            c00 = TReg.MultiplyAdd(x, b0, c00); c01 = TReg.MultiplyAdd(x, b1, c01);
            x = A<TShape, TReg>(ref a1, k);
            c10 = TReg.MultiplyAdd(x, b0, c10); c11 = TReg.MultiplyAdd(x, b1, c11);
            x = A<TShape, TReg>(ref a2, k);
            c20 = TReg.MultiplyAdd(x, b0, c20); c21 = TReg.MultiplyAdd(x, b1, c21);
            x = A<TShape, TReg>(ref a3, k);
            c30 = TReg.MultiplyAdd(x, b0, c30); c31 = TReg.MultiplyAdd(x, b1, c31);
            bk = ref Unsafe.Add(ref bk, TShape.Columns);
        }
        int c1 = column + count;
        Finish<TShape, TReg>(c00, ref c, r, column, 0); Finish<TShape, TReg>(c01, ref c, r, c1, lastLanes);
        Finish<TShape, TReg>(c10, ref c, r + 1, column, 0); Finish<TShape, TReg>(c11, ref c, r + 1, c1, lastLanes);
        Finish<TShape, TReg>(c20, ref c, r + 2, column, 0); Finish<TShape, TReg>(c21, ref c, r + 2, c1, lastLanes);
        Finish<TShape, TReg>(c30, ref c, r + 3, column, 0); Finish<TShape, TReg>(c31, ref c, r + 3, c1, lastLanes);
    }

    // Four rows, one register: two chains over k keep eight multiply-adds in flight.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x1<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg c0, c1, c2, c3;
        if (TShape.Start == ProductStart.Accumulate)
        {
            c0 = Start<TShape, TReg>(ref bias, ref c, r, column); c1 = Start<TShape, TReg>(ref bias, ref c, r + 1, column);
            c2 = Start<TShape, TReg>(ref bias, ref c, r + 2, column); c3 = Start<TShape, TReg>(ref bias, ref c, r + 3, column);
        }
        else
        {
            c0 = c1 = c2 = c3 = Start<TShape, TReg>(ref bias, ref c, r, column);
        }
        TReg d0 = TReg.Zero, d1 = TReg.Zero, d2 = TReg.Zero, d3 = TReg.Zero;
        ref float a0 = ref RowOfA<TShape>(ref a, r), a1 = ref RowOfA<TShape>(ref a, r + 1), a2 = ref RowOfA<TShape>(ref a, r + 2), a3 = ref RowOfA<TShape>(ref a, r + 3);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 2 <= depth; k += 2)
        {
            TReg b0 = TReg.Load(ref bk, 0), b1 = TReg.Load(ref bk, (nuint)TShape.Columns);
            c0 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k), b0, c0);
            c1 = TReg.MultiplyAdd(A<TShape, TReg>(ref a1, k), b0, c1);
            c2 = TReg.MultiplyAdd(A<TShape, TReg>(ref a2, k), b0, c2);
            c3 = TReg.MultiplyAdd(A<TShape, TReg>(ref a3, k), b0, c3);
            d0 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 1), b1, d0);
            d1 = TReg.MultiplyAdd(A<TShape, TReg>(ref a1, k + 1), b1, d1);
            d2 = TReg.MultiplyAdd(A<TShape, TReg>(ref a2, k + 1), b1, d2);
            d3 = TReg.MultiplyAdd(A<TShape, TReg>(ref a3, k + 1), b1, d3);
            bk = ref Unsafe.Add(ref bk, 2 * TShape.Columns);
        }
        if (k < depth)
        {
            TReg b0 = TReg.Load(ref bk, 0);
            c0 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k), b0, c0);
            c1 = TReg.MultiplyAdd(A<TShape, TReg>(ref a1, k), b0, c1);
            c2 = TReg.MultiplyAdd(A<TShape, TReg>(ref a2, k), b0, c2);
            c3 = TReg.MultiplyAdd(A<TShape, TReg>(ref a3, k), b0, c3);
        }
        Finish<TShape, TReg>(c0 + d0, ref c, r, column, lanes);
        Finish<TShape, TReg>(c1 + d1, ref c, r + 1, column, lanes);
        Finish<TShape, TReg>(c2 + d2, ref c, r + 2, column, lanes);
        Finish<TShape, TReg>(c3 + d3, ref c, r + 3, column, lanes);
    }

    // One row, eight registers: eight independent accumulators already cover the multiply-add latency.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x8<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int n = TReg.Count;
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column), c1 = Start<TShape, TReg>(ref bias, ref c, r, column + n);
        TReg c2 = Start<TShape, TReg>(ref bias, ref c, r, column + 2 * n), c3 = Start<TShape, TReg>(ref bias, ref c, r, column + 3 * n);
        TReg c4 = Start<TShape, TReg>(ref bias, ref c, r, column + 4 * n), c5 = Start<TShape, TReg>(ref bias, ref c, r, column + 5 * n);
        TReg c6 = Start<TShape, TReg>(ref bias, ref c, r, column + 6 * n), c7 = Start<TShape, TReg>(ref bias, ref c, r, column + 7 * n);
        ref float a0 = ref RowOfA<TShape>(ref a, r);
        ref float bk = ref Unsafe.Add(ref b, column);
        for (int k = 0; k < depth; k++)
        {
            TReg x = A<TShape, TReg>(ref a0, k);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)n), c1);
            c2 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(2 * n)), c2);
            c3 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(3 * n)), c3);
            c4 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(4 * n)), c4);
            c5 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(5 * n)), c5);
            c6 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(6 * n)), c6);
            c7 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(7 * n)), c7);
            bk = ref Unsafe.Add(ref bk, TShape.Columns);
        }
        Finish<TShape, TReg>(c0, ref c, r, column, 0); Finish<TShape, TReg>(c1, ref c, r, column + n, 0);
        Finish<TShape, TReg>(c2, ref c, r, column + 2 * n, 0); Finish<TShape, TReg>(c3, ref c, r, column + 3 * n, 0);
        Finish<TShape, TReg>(c4, ref c, r, column + 4 * n, 0); Finish<TShape, TReg>(c5, ref c, r, column + 5 * n, 0);
        Finish<TShape, TReg>(c6, ref c, r, column + 6 * n, 0); Finish<TShape, TReg>(c7, ref c, r, column + 7 * n, lastLanes);
    }

    // One row, four registers: two chains over k (eight accumulators).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column), c1 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
        TReg c2 = Start<TShape, TReg>(ref bias, ref c, r, column + 2 * count), c3 = Start<TShape, TReg>(ref bias, ref c, r, column + 3 * count);
        TReg d0 = TReg.Zero, d1 = TReg.Zero, d2 = TReg.Zero, d3 = TReg.Zero;
        ref float a0 = ref RowOfA<TShape>(ref a, r);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 2 <= depth; k += 2)
        {
            ref float next = ref Unsafe.Add(ref bk, TShape.Columns);
            TReg x = A<TShape, TReg>(ref a0, k), y = A<TShape, TReg>(ref a0, k + 1);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)count), c1);
            c2 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(2 * count)), c2);
            c3 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(3 * count)), c3);
            d0 = TReg.MultiplyAdd(y, TReg.Load(ref next, 0), d0);
            d1 = TReg.MultiplyAdd(y, TReg.Load(ref next, (nuint)count), d1);
            d2 = TReg.MultiplyAdd(y, TReg.Load(ref next, (nuint)(2 * count)), d2);
            d3 = TReg.MultiplyAdd(y, TReg.Load(ref next, (nuint)(3 * count)), d3);
            bk = ref Unsafe.Add(ref bk, 2 * TShape.Columns);
        }
        if (k < depth)
        {
            TReg x = A<TShape, TReg>(ref a0, k);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)count), c1);
            c2 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(2 * count)), c2);
            c3 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)(3 * count)), c3);
        }
        Finish<TShape, TReg>(c0 + d0, ref c, r, column, 0);
        Finish<TShape, TReg>(c1 + d1, ref c, r, column + count, 0);
        Finish<TShape, TReg>(c2 + d2, ref c, r, column + 2 * count, 0);
        Finish<TShape, TReg>(c3 + d3, ref c, r, column + 3 * count, lastLanes);
    }

    // One row, two registers: four chains over k (eight accumulators).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x2<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column), c1 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
        TReg d0 = TReg.Zero, d1 = TReg.Zero, e0 = TReg.Zero, e1 = TReg.Zero, f0 = TReg.Zero, f1 = TReg.Zero;
        ref float a0 = ref RowOfA<TShape>(ref a, r);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 4 <= depth; k += 4)
        {
            ref float row1 = ref Unsafe.Add(ref bk, TShape.Columns);
            ref float row2 = ref Unsafe.Add(ref bk, 2 * TShape.Columns);
            ref float row3 = ref Unsafe.Add(ref bk, 3 * TShape.Columns);
            TReg x0 = A<TShape, TReg>(ref a0, k), x1 = A<TShape, TReg>(ref a0, k + 1), x2 = A<TShape, TReg>(ref a0, k + 2), x3 = A<TShape, TReg>(ref a0, k + 3);
            c0 = TReg.MultiplyAdd(x0, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x0, TReg.Load(ref bk, (nuint)count), c1);
            d0 = TReg.MultiplyAdd(x1, TReg.Load(ref row1, 0), d0);
            d1 = TReg.MultiplyAdd(x1, TReg.Load(ref row1, (nuint)count), d1);
            e0 = TReg.MultiplyAdd(x2, TReg.Load(ref row2, 0), e0);
            e1 = TReg.MultiplyAdd(x2, TReg.Load(ref row2, (nuint)count), e1);
            f0 = TReg.MultiplyAdd(x3, TReg.Load(ref row3, 0), f0);
            f1 = TReg.MultiplyAdd(x3, TReg.Load(ref row3, (nuint)count), f1);
            bk = ref Unsafe.Add(ref bk, 4 * TShape.Columns);
        }
        for (; k < depth; k++)
        {
            TReg x = A<TShape, TReg>(ref a0, k);
            c0 = TReg.MultiplyAdd(x, TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(x, TReg.Load(ref bk, (nuint)count), c1);
            bk = ref Unsafe.Add(ref bk, TShape.Columns);
        }
        Finish<TShape, TReg>((c0 + d0) + (e0 + f0), ref c, r, column, 0);
        Finish<TShape, TReg>((c1 + d1) + (e1 + f1), ref c, r, column + count, lastLanes);
    }

    // One row, one register: eight chains over k.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x1<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int N = TShape.Columns;
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column);
        TReg c1 = TReg.Zero, c2 = TReg.Zero, c3 = TReg.Zero, c4 = TReg.Zero, c5 = TReg.Zero, c6 = TReg.Zero, c7 = TReg.Zero;
        ref float a0 = ref RowOfA<TShape>(ref a, r);
        ref float bk = ref Unsafe.Add(ref b, column);
        int k = 0;
        for (; k + 8 <= depth; k += 8)
        {
            c0 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k), TReg.Load(ref bk, 0), c0);
            c1 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 1), TReg.Load(ref bk, (nuint)N), c1);
            c2 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 2), TReg.Load(ref bk, (nuint)(2 * N)), c2);
            c3 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 3), TReg.Load(ref bk, (nuint)(3 * N)), c3);
            c4 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 4), TReg.Load(ref bk, (nuint)(4 * N)), c4);
            c5 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 5), TReg.Load(ref bk, (nuint)(5 * N)), c5);
            c6 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 6), TReg.Load(ref bk, (nuint)(6 * N)), c6);
            c7 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k + 7), TReg.Load(ref bk, (nuint)(7 * N)), c7);
            bk = ref Unsafe.Add(ref bk, 8 * N);
        }
        for (; k < depth; k++)
        {
            c0 = TReg.MultiplyAdd(A<TShape, TReg>(ref a0, k), TReg.Load(ref bk, 0), c0);
            bk = ref Unsafe.Add(ref bk, N);
        }
        Finish<TShape, TReg>(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)), ref c, r, column, lanes);
    }
}
