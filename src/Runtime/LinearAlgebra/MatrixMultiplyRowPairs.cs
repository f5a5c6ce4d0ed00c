using System.Runtime.CompilerServices;
using Specialized.Kernels;

namespace Specialized.LinearAlgebra;

/// <summary>
/// The blocks of <see cref="MatrixMultiply"/> for 128-bit registers without a fused multiply-add: x86-64-v2, the
/// default Native AOT target (SSE4.2, 16 registers, two-operand instructions). There a multiply-add is a multiply
/// into a register of its own and an add, so the 4 × 3 block (12 accumulators, 3 registers of B, the broadcast)
/// needs 17 registers and the JIT keeps accumulators on the stack: a load and a store on an accumulator's chain
/// every step, which left the Gaussian mixture's fit at half the speed of the same 128-bit path with FMA. Two rows
/// × up to six registers keep 12 accumulators, 2 broadcasts, one register of B and the product in 16, and each
/// register of B is loaded once for both rows. Each element of C is still one multiply-add chain over p in
/// order, so the result is the same bit for bit as every other block and width.
/// </summary>
internal static partial class MatrixMultiply
{
    /// <summary>
    /// <see cref="Multiply(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, int, Span{double}, VectorPath)"/> through
    /// the row-pair walk on any width, whatever the machine; the product takes it by itself only on 128-bit registers
    /// without FMA. For tests, which must run these blocks on a machine that has FMA.
    /// </summary>
    internal static void MultiplyInRowPairs(ReadOnlySpan<double> a, int m, int inner, ReadOnlySpan<double> b, int n, Span<double> c, VectorPath path) =>
        Run(a, m, inner, b, n, c, path, rowStride: inner, columnStride: 1, rowPairs: true);

    /// <summary><see cref="MultiplyTransposedA"/> through the row-pair walk, as <see cref="MultiplyInRowPairs"/>.</summary>
    internal static void MultiplyTransposedAInRowPairs(ReadOnlySpan<double> a, int inner, int m, ReadOnlySpan<double> b, int n, Span<double> c, VectorPath path) =>
        Run(a, m, inner, b, n, c, path, rowStride: 1, columnStride: m, rowPairs: true);

    // Column panels of up to six registers outside (6 × 64 doubles of B: 6 KB, in L1 while every pair of rows
    // passes; RowPairPanels.Width), pairs of rows inside. A last odd column (doubles on 128 bits come in twos) and a
    // last odd row take the blocks of the ordinary walk.
    private static void RowPairs<TL>(ref double a, int m, int inner, ref double b, int n, ref double c, nuint rowStride, nuint columnStride) where TL : struct, IDoubleLanes<TL>
    {
        int count = TL.Count, registers = n / count, pairs = m & ~1;
        for (int v = 0; v < registers;)
        {
            int left = registers - v;
            int width = RowPairPanels.Width(left);
            int j = v * count;
            for (int i = 0; i < pairs; i += 2)
            {
                switch (width)
                {
                    case 6: BlockPair<TL, Registers6>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride); break;
                    case 5: BlockPair<TL, Registers5>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride); break;
                    case 4: BlockPair<TL, Registers4>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride); break;
                    case 3: BlockPair<TL, Registers3>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride); break;
                    case 2: BlockPair<TL, Registers2>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride); break;
                    default: BlockPair<TL, Registers1>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride); break;
                }
            }
            v += width;
        }
        for (int j = registers * count; j < n; j++)
            for (int i = 0; i < pairs; i += 2) BlockPair<ScalarDouble, Registers1>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
        if (pairs < m)
        {
            int j = 0;
            for (; j + 4 * count <= n; j += 4 * count) Block1x4<TL>(ref a, ref b, ref c, pairs, j, inner, n, rowStride, columnStride);
            for (; j + count <= n; j += count) Block1x1<TL>(ref a, ref b, ref c, pairs, j, inner, n, rowStride, columnStride);
            for (; j < n; j++) Block1x1<ScalarDouble>(ref a, ref b, ref c, pairs, j, inner, n, rowStride, columnStride);
        }
    }

    // Rows i and i + 1 × TWidth registers from column j (one to six, folded by the JIT: the registers past the width
    // and their code are gone). A and B are walked by bumped references, so a step spends its instructions on the
    // loads, broadcasts, multiplies and adds.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void BlockPair<TL, TWidth>(ref double ra, ref double rb, ref double rc, int i, int j, int inner, int n, nuint rowStride, nuint columnStride)
        where TL : struct, IDoubleLanes<TL>
        where TWidth : struct, IRegisterCount
    {
        int width = TWidth.Value;
        nuint w = (nuint)TL.Count, stride = (nuint)n;
        TL c00 = TL.Zero, c01 = TL.Zero, c02 = TL.Zero, c03 = TL.Zero, c04 = TL.Zero, c05 = TL.Zero;
        TL c10 = TL.Zero, c11 = TL.Zero, c12 = TL.Zero, c13 = TL.Zero, c14 = TL.Zero, c15 = TL.Zero;
        ref double ap = ref Unsafe.Add(ref ra, (nuint)i * rowStride);
        ref double bp = ref Unsafe.Add(ref rb, (nuint)j);
        for (int p = 0; p < inner; p++)
        {
            TL x0 = TL.Broadcast(ap), x1 = TL.Broadcast(Unsafe.Add(ref ap, rowStride));
            TL b0 = TL.Load(ref bp, 0);
            c00 = TL.MultiplyAdd(x0, b0, c00); c10 = TL.MultiplyAdd(x1, b0, c10);
            if (width > 1) { TL b1 = TL.Load(ref bp, w); c01 = TL.MultiplyAdd(x0, b1, c01); c11 = TL.MultiplyAdd(x1, b1, c11); }
            if (width > 2) { TL b2 = TL.Load(ref bp, 2 * w); c02 = TL.MultiplyAdd(x0, b2, c02); c12 = TL.MultiplyAdd(x1, b2, c12); }
            if (width > 3) { TL b3 = TL.Load(ref bp, 3 * w); c03 = TL.MultiplyAdd(x0, b3, c03); c13 = TL.MultiplyAdd(x1, b3, c13); }
            if (width > 4) { TL b4 = TL.Load(ref bp, 4 * w); c04 = TL.MultiplyAdd(x0, b4, c04); c14 = TL.MultiplyAdd(x1, b4, c14); }
            if (width > 5) { TL b5 = TL.Load(ref bp, 5 * w); c05 = TL.MultiplyAdd(x0, b5, c05); c15 = TL.MultiplyAdd(x1, b5, c15); }
            ap = ref Unsafe.Add(ref ap, columnStride);
            bp = ref Unsafe.Add(ref bp, stride);
        }
        ref double o0 = ref Unsafe.Add(ref rc, (nuint)i * stride + (nuint)j);
        ref double o1 = ref Unsafe.Add(ref o0, stride);
        TL.Store(c00, ref o0, 0); TL.Store(c10, ref o1, 0);
        if (width > 1) { TL.Store(c01, ref o0, w); TL.Store(c11, ref o1, w); }
        if (width > 2) { TL.Store(c02, ref o0, 2 * w); TL.Store(c12, ref o1, 2 * w); }
        if (width > 3) { TL.Store(c03, ref o0, 3 * w); TL.Store(c13, ref o1, 3 * w); }
        if (width > 4) { TL.Store(c04, ref o0, 4 * w); TL.Store(c14, ref o1, 4 * w); }
        if (width > 5) { TL.Store(c05, ref o0, 5 * w); TL.Store(c15, ref o1, 5 * w); }
    }
}
