using System.Runtime.CompilerServices;

namespace Specialized.Kernels;

/// <summary>
/// The register-blocked matrix product every dense computation runs on, written once and
/// specialized by the JIT for each shape (<c>TShape</c>, whose constants fold) and
/// each register width (<c>TReg</c>). Blocks: 4 rows × 2 registers of columns (8 independent
/// accumulators, each B register loaded once per 4 rows), then single rows × 4, 2 or 1 registers
/// with 2, 4 or 8 interleaved accumulator chains over the depth so a narrow block never waits on the
/// multiply-add latency. The last, partial register of a row is stored lane by lane through a mask.
/// Reduction order depends only on the shape, never on alignment, so results repeat run to run.
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
        int fullRegisters = TShape.Columns / count;
        int tail = TShape.Columns % count;
        int registers = fullRegisters + (tail > 0 ? 1 : 0);
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            int v = 0;
            for (; v + 2 <= registers; v += 2)
                Block4x2<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, v + 2 == registers ? tail : 0);
            if (v < registers)
                Block4x1<TShape, TReg>(ref a, ref b, ref bias, ref c, r, v * count, depth, tail);
        }
        for (; r < rows; r++)
        {
            int v = 0;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float ElementOfA<TShape>(ref float a, int row, int k) where TShape : struct, IProductShape =>
        ref Unsafe.Add(ref a, row * TShape.RowStride + k * TShape.DepthStride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg Start<TShape, TReg>(ref float bias, ref float c, int row, int column)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg> => TShape.Start switch
        {
            ProductStart.Bias => TReg.Load(ref bias, (nuint)column),
            ProductStart.Accumulate => TReg.Load(ref c, (nuint)(row * TShape.Columns + column)),
            _ => TReg.Zero,
        };

    // Applies the activation and stores one register of row `row`; `lanes` > 0 marks the row's partial last register.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TShape, TReg>(TReg value, ref float c, int row, int column, int lanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        value = TReg.Activate(TShape.Activation, value);
        nuint index = (nuint)(row * TShape.Columns + column);
        if (lanes == 0) TReg.Store(value, ref c, index);
        else TReg.StoreFirst(value, ref c, index, lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x2<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        TReg c00 = Start<TShape, TReg>(ref bias, ref c, r, column), c01 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
        TReg c10 = Start<TShape, TReg>(ref bias, ref c, r + 1, column), c11 = Start<TShape, TReg>(ref bias, ref c, r + 1, column + count);
        TReg c20 = Start<TShape, TReg>(ref bias, ref c, r + 2, column), c21 = Start<TShape, TReg>(ref bias, ref c, r + 2, column + count);
        TReg c30 = Start<TShape, TReg>(ref bias, ref c, r + 3, column), c31 = Start<TShape, TReg>(ref bias, ref c, r + 3, column + count);
        for (int k = 0; k < depth; k++)
        {
            ref float bRow = ref Unsafe.Add(ref b, k * TShape.Columns + column);
            TReg b0 = TReg.Load(ref bRow, 0), b1 = TReg.Load(ref bRow, (nuint)count);
            TReg a0 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k));
            c00 = TReg.MultiplyAdd(a0, b0, c00); c01 = TReg.MultiplyAdd(a0, b1, c01);
            TReg a1 = TReg.Broadcast(ElementOfA<TShape>(ref a, r + 1, k));
            c10 = TReg.MultiplyAdd(a1, b0, c10); c11 = TReg.MultiplyAdd(a1, b1, c11);
            TReg a2 = TReg.Broadcast(ElementOfA<TShape>(ref a, r + 2, k));
            c20 = TReg.MultiplyAdd(a2, b0, c20); c21 = TReg.MultiplyAdd(a2, b1, c21);
            TReg a3 = TReg.Broadcast(ElementOfA<TShape>(ref a, r + 3, k));
            c30 = TReg.MultiplyAdd(a3, b0, c30); c31 = TReg.MultiplyAdd(a3, b1, c31);
        }
        Finish<TShape, TReg>(c00, ref c, r, column, 0); Finish<TShape, TReg>(c01, ref c, r, column + count, lastLanes);
        Finish<TShape, TReg>(c10, ref c, r + 1, column, 0); Finish<TShape, TReg>(c11, ref c, r + 1, column + count, lastLanes);
        Finish<TShape, TReg>(c20, ref c, r + 2, column, 0); Finish<TShape, TReg>(c21, ref c, r + 2, column + count, lastLanes);
        Finish<TShape, TReg>(c30, ref c, r + 3, column, 0); Finish<TShape, TReg>(c31, ref c, r + 3, column + count, lastLanes);
    }

    // Four rows, one register: two chains over k keep eight multiply-adds in flight.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x1<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column), c1 = Start<TShape, TReg>(ref bias, ref c, r + 1, column);
        TReg c2 = Start<TShape, TReg>(ref bias, ref c, r + 2, column), c3 = Start<TShape, TReg>(ref bias, ref c, r + 3, column);
        TReg d0 = TReg.Zero, d1 = TReg.Zero, d2 = TReg.Zero, d3 = TReg.Zero;
        int k = 0;
        for (; k + 2 <= depth; k += 2)
        {
            TReg b0 = TReg.Load(ref b, (nuint)(k * TShape.Columns + column));
            TReg b1 = TReg.Load(ref b, (nuint)((k + 1) * TShape.Columns + column));
            c0 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k)), b0, c0);
            c1 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 1, k)), b0, c1);
            c2 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 2, k)), b0, c2);
            c3 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 3, k)), b0, c3);
            d0 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 1)), b1, d0);
            d1 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 1, k + 1)), b1, d1);
            d2 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 2, k + 1)), b1, d2);
            d3 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 3, k + 1)), b1, d3);
        }
        if (k < depth)
        {
            TReg b0 = TReg.Load(ref b, (nuint)(k * TShape.Columns + column));
            c0 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k)), b0, c0);
            c1 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 1, k)), b0, c1);
            c2 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 2, k)), b0, c2);
            c3 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r + 3, k)), b0, c3);
        }
        Finish<TShape, TReg>(c0 + d0, ref c, r, column, lanes);
        Finish<TShape, TReg>(c1 + d1, ref c, r + 1, column, lanes);
        Finish<TShape, TReg>(c2 + d2, ref c, r + 2, column, lanes);
        Finish<TShape, TReg>(c3 + d3, ref c, r + 3, column, lanes);
    }

    // One row, four registers: two chains over k (eight accumulators).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x4<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column), c1 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
        TReg c2 = Start<TShape, TReg>(ref bias, ref c, r, column + 2 * count), c3 = Start<TShape, TReg>(ref bias, ref c, r, column + 3 * count);
        TReg d0 = TReg.Zero, d1 = TReg.Zero, d2 = TReg.Zero, d3 = TReg.Zero;
        int k = 0;
        for (; k + 2 <= depth; k += 2)
        {
            ref float row0 = ref Unsafe.Add(ref b, k * TShape.Columns + column);
            ref float row1 = ref Unsafe.Add(ref row0, TShape.Columns);
            TReg a0 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k));
            TReg a1 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 1));
            c0 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, 0), c0);
            c1 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)count), c1);
            c2 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)(2 * count)), c2);
            c3 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)(3 * count)), c3);
            d0 = TReg.MultiplyAdd(a1, TReg.Load(ref row1, 0), d0);
            d1 = TReg.MultiplyAdd(a1, TReg.Load(ref row1, (nuint)count), d1);
            d2 = TReg.MultiplyAdd(a1, TReg.Load(ref row1, (nuint)(2 * count)), d2);
            d3 = TReg.MultiplyAdd(a1, TReg.Load(ref row1, (nuint)(3 * count)), d3);
        }
        if (k < depth)
        {
            ref float row0 = ref Unsafe.Add(ref b, k * TShape.Columns + column);
            TReg a0 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k));
            c0 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, 0), c0);
            c1 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)count), c1);
            c2 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)(2 * count)), c2);
            c3 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)(3 * count)), c3);
        }
        Finish<TShape, TReg>(c0 + d0, ref c, r, column, 0);
        Finish<TShape, TReg>(c1 + d1, ref c, r, column + count, 0);
        Finish<TShape, TReg>(c2 + d2, ref c, r, column + 2 * count, 0);
        Finish<TShape, TReg>(c3 + d3, ref c, r, column + 3 * count, lastLanes);
    }

    // One row, two registers: four chains over k (eight accumulators).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x2<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lastLanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column), c1 = Start<TShape, TReg>(ref bias, ref c, r, column + count);
        TReg d0 = TReg.Zero, d1 = TReg.Zero, e0 = TReg.Zero, e1 = TReg.Zero, f0 = TReg.Zero, f1 = TReg.Zero;
        int k = 0;
        for (; k + 4 <= depth; k += 4)
        {
            ref float row0 = ref Unsafe.Add(ref b, k * TShape.Columns + column);
            ref float row1 = ref Unsafe.Add(ref row0, TShape.Columns);
            ref float row2 = ref Unsafe.Add(ref row1, TShape.Columns);
            ref float row3 = ref Unsafe.Add(ref row2, TShape.Columns);
            TReg a0 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k));
            TReg a1 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 1));
            TReg a2 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 2));
            TReg a3 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 3));
            c0 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, 0), c0);
            c1 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)count), c1);
            d0 = TReg.MultiplyAdd(a1, TReg.Load(ref row1, 0), d0);
            d1 = TReg.MultiplyAdd(a1, TReg.Load(ref row1, (nuint)count), d1);
            e0 = TReg.MultiplyAdd(a2, TReg.Load(ref row2, 0), e0);
            e1 = TReg.MultiplyAdd(a2, TReg.Load(ref row2, (nuint)count), e1);
            f0 = TReg.MultiplyAdd(a3, TReg.Load(ref row3, 0), f0);
            f1 = TReg.MultiplyAdd(a3, TReg.Load(ref row3, (nuint)count), f1);
        }
        for (; k < depth; k++)
        {
            ref float row0 = ref Unsafe.Add(ref b, k * TShape.Columns + column);
            TReg a0 = TReg.Broadcast(ElementOfA<TShape>(ref a, r, k));
            c0 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, 0), c0);
            c1 = TReg.MultiplyAdd(a0, TReg.Load(ref row0, (nuint)count), c1);
        }
        Finish<TShape, TReg>((c0 + d0) + (e0 + f0), ref c, r, column, 0);
        Finish<TShape, TReg>((c1 + d1) + (e1 + f1), ref c, r, column + count, lastLanes);
    }

    // One row, one register: eight chains over k.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x1<TShape, TReg>(ref float a, ref float b, ref float bias, ref float c, int r, int column, int depth, int lanes)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg c0 = Start<TShape, TReg>(ref bias, ref c, r, column);
        TReg c1 = TReg.Zero, c2 = TReg.Zero, c3 = TReg.Zero, c4 = TReg.Zero, c5 = TReg.Zero, c6 = TReg.Zero, c7 = TReg.Zero;
        int k = 0;
        for (; k + 8 <= depth; k += 8)
        {
            ref float row = ref Unsafe.Add(ref b, k * TShape.Columns + column);
            c0 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k)), TReg.Load(ref row, 0), c0);
            c1 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 1)), TReg.Load(ref row, (nuint)TShape.Columns), c1);
            c2 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 2)), TReg.Load(ref row, (nuint)(2 * TShape.Columns)), c2);
            c3 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 3)), TReg.Load(ref row, (nuint)(3 * TShape.Columns)), c3);
            c4 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 4)), TReg.Load(ref row, (nuint)(4 * TShape.Columns)), c4);
            c5 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 5)), TReg.Load(ref row, (nuint)(5 * TShape.Columns)), c5);
            c6 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 6)), TReg.Load(ref row, (nuint)(6 * TShape.Columns)), c6);
            c7 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k + 7)), TReg.Load(ref row, (nuint)(7 * TShape.Columns)), c7);
        }
        for (; k < depth; k++)
            c0 = TReg.MultiplyAdd(TReg.Broadcast(ElementOfA<TShape>(ref a, r, k)), TReg.Load(ref b, (nuint)(k * TShape.Columns + column)), c0);
        Finish<TShape, TReg>(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)), ref c, r, column, lanes);
    }
}
