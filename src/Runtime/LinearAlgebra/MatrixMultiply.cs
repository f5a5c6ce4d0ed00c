using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.LinearAlgebra;

/// <summary>
/// Dense double-precision matrix products for the classical algorithms' fitting loops (the E and M
/// steps of Gaussian mixtures, covariances and scatter matrices, the softmax objective). Row-major.
/// The kernel keeps a 4-row × 3-register block of C in twelve accumulators while it runs down the
/// inner dimension, so each loaded piece of B feeds four rows of A and twelve independent fused
/// multiply-adds hide the FMA latency; narrower blocks (4 × 2, 4 × 1, 1 × 4, 1 × 1 registers, then scalar
/// columns) take the edges. Every element of C is one multiply-add chain over p = 0, 1, … in
/// order, whatever the width or block, so all four widths give bit-identical results, and Aᵀ·B read
/// in place (<see cref="MultiplyTransposedA"/>) equals A'·B on an explicit transpose A' bit for bit.
/// The multiply-adds are fused where the CPU has FMA and a multiply then an add where it has not
/// (x86-64-v2, Native AOT's default target): a software-fused FMA there costs 50 times more. There the
/// 4 × 3 block does not fit SSE's 16 registers, and the product walks in pairs of rows instead
/// (MatrixMultiplyRowPairs.cs).
/// </summary>
internal static partial class MatrixMultiply
{
    /// <summary>C (m × n) = A (m × inner) · B (inner × n); C is overwritten.</summary>
    public static void Multiply(ReadOnlySpan<double> a, int m, int inner, ReadOnlySpan<double> b, int n, Span<double> c) =>
        Multiply(a, m, inner, b, n, c, VectorPath.Auto);

    /// <summary>As <see cref="Multiply(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, int, Span{double})"/> on a forced width.</summary>
    public static void Multiply(ReadOnlySpan<double> a, int m, int inner, ReadOnlySpan<double> b, int n, Span<double> c, VectorPath path) =>
        Run(a, m, inner, b, n, c, path, rowStride: inner, columnStride: 1);

    /// <summary>C = A·B where element (i, p) of A is at i·<paramref name="rowStride"/> + p·<paramref name="columnStride"/>.</summary>
    /// <remarks><paramref name="rowPairs"/> forces the row-pair walk on any width (for tests).</remarks>
    private static void Run(ReadOnlySpan<double> a, int m, int inner, ReadOnlySpan<double> b, int n, Span<double> c, VectorPath path, int rowStride, int columnStride, bool rowPairs = false)
    {
        if (m < 0 || inner < 0 || n < 0) throw new ArgumentOutOfRangeException(nameof(m), "dimensions must not be negative.");
        if ((long)m * inner > a.Length) throw new ArgumentException($"a has {a.Length} elements; expected {m} × {inner}.", nameof(a));
        if ((long)inner * n > b.Length) throw new ArgumentException($"b has {b.Length} elements; expected {inner} × {n}.", nameof(b));
        if ((long)m * n > c.Length) throw new ArgumentException($"c has {c.Length} elements; expected {m} × {n}.", nameof(c));
        if (c.Overlaps(a) || c.Overlaps(b)) throw new ArgumentException("c must not overlap a or b.", nameof(c));

        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512: Multiply<Double512>(ref ra, m, inner, ref rb, n, ref rc, (nuint)rowStride, (nuint)columnStride, rowPairs); break;
            case VectorPath.Vector256: Multiply<Double256>(ref ra, m, inner, ref rb, n, ref rc, (nuint)rowStride, (nuint)columnStride, rowPairs); break;
            case VectorPath.Vector128: Multiply<Double128>(ref ra, m, inner, ref rb, n, ref rc, (nuint)rowStride, (nuint)columnStride, rowPairs); break;
            default: Multiply<ScalarDouble>(ref ra, m, inner, ref rb, n, ref rc, (nuint)rowStride, (nuint)columnStride, rowPairs); break;
        }
    }

    /// <summary>
    /// C (m × n) = Aᵀ (m × inner) · B (inner × n) for A stored row-major as inner × m, without forming Aᵀ:
    /// the kernel broadcasts one element of A at a time, so it reads A down a column as cheaply as along a row.
    /// </summary>
    public static void MultiplyTransposedA(ReadOnlySpan<double> a, int inner, int m, ReadOnlySpan<double> b, int n, Span<double> c, VectorPath path = VectorPath.Auto) =>
        Run(a, m, inner, b, n, c, path, rowStride: 1, columnStride: m);

    /// <summary>C (n × n) = Aᵀ·A for A (rows × n).</summary>
    public static void TransposeTimesSelf(ReadOnlySpan<double> a, int rows, int n, Span<double> c) => MultiplyTransposedA(a, rows, n, a, n, c);

    /// <summary>Writes the transpose (cols × rows) of A (rows × cols) into <paramref name="result"/>.</summary>
    public static void Transpose(ReadOnlySpan<double> a, int rows, int cols, Span<double> result)
    {
        if ((long)rows * cols > a.Length || (long)rows * cols > result.Length)
            throw new ArgumentException($"a and result need {rows} × {cols} elements; they have {a.Length} and {result.Length}.", nameof(a));
        // 8 × 8 tiles keep both the reads and the writes within a few cache lines.
        const int Tile = 8;
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, rows);
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, cols);
                for (int r = r0; r < r1; r++)
                    for (int col = c0; col < c1; col++) result[col * rows + r] = a[r * cols + col];
            }
        }
    }

    // The blocks are separate methods compiled straight to optimized code (at tier 0 every lane operation is
    // a call, tens of times slower; generic-over-Vector512 code is not precompiled by ReadyToRun anyway). One
    // method per block keeps each JIT compilation small and compiles only the blocks a shape uses: one
    // inlined nest of all seven cost tens of milliseconds at first call (measured in Specialized.ColdStart).
    private static void Multiply<TL>(ref double a, int m, int inner, ref double b, int n, ref double c, nuint rowStride, nuint columnStride, bool rowPairs) where TL : struct, IDoubleLanes<TL>
    {
        if (rowPairs || (TL.Count == 2 && !RowPairPanels.FusedMultiplyAdd))
        {
            RowPairs<TL>(ref a, m, inner, ref b, n, ref c, rowStride, columnStride);
            return;
        }
        int w = TL.Count, i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 3 * w <= n; j += 3 * w) Block4x3<TL>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
            for (; j + 2 * w <= n; j += 2 * w) Block4x2<TL>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
            for (; j + w <= n; j += w) Block4x1<TL>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
            for (; j < n; j++) Block4x1<ScalarDouble>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
        }
        for (; i < m; i++)
        {
            int j = 0;
            for (; j + 4 * w <= n; j += 4 * w) Block1x4<TL>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
            for (; j + w <= n; j += w) Block1x1<TL>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
            for (; j < n; j++) Block1x1<ScalarDouble>(ref a, ref b, ref c, i, j, inner, n, rowStride, columnStride);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x3<TL>(ref double ra, ref double rb, ref double rc, int i, int j, int inner, int n, nuint rowStride, nuint columnStride) where TL : struct, IDoubleLanes<TL>
    {
        nuint w = (nuint)TL.Count, stride = (nuint)n, k = (nuint)inner;
        TL c00 = TL.Zero, c01 = TL.Zero, c02 = TL.Zero, c10 = TL.Zero, c11 = TL.Zero, c12 = TL.Zero;
        TL c20 = TL.Zero, c21 = TL.Zero, c22 = TL.Zero, c30 = TL.Zero, c31 = TL.Zero, c32 = TL.Zero;
        ref double a0 = ref Unsafe.Add(ref ra, (nuint)i * rowStride);
        ref double a1 = ref Unsafe.Add(ref a0, rowStride);
        ref double a2 = ref Unsafe.Add(ref a1, rowStride);
        ref double a3 = ref Unsafe.Add(ref a2, rowStride);
        ref double bj = ref Unsafe.Add(ref rb, (nuint)j);
        for (nuint p = 0; p < k; p++)
        {
            nuint o = p * stride;
            TL b0 = TL.Load(ref bj, o), b1 = TL.Load(ref bj, o + w), b2 = TL.Load(ref bj, o + 2 * w);
            TL x = TL.Broadcast(Unsafe.Add(ref a0, p * columnStride));
            c00 = TL.MultiplyAdd(x, b0, c00); c01 = TL.MultiplyAdd(x, b1, c01); c02 = TL.MultiplyAdd(x, b2, c02);
            x = TL.Broadcast(Unsafe.Add(ref a1, p * columnStride));
            c10 = TL.MultiplyAdd(x, b0, c10); c11 = TL.MultiplyAdd(x, b1, c11); c12 = TL.MultiplyAdd(x, b2, c12);
            x = TL.Broadcast(Unsafe.Add(ref a2, p * columnStride));
            c20 = TL.MultiplyAdd(x, b0, c20); c21 = TL.MultiplyAdd(x, b1, c21); c22 = TL.MultiplyAdd(x, b2, c22);
            x = TL.Broadcast(Unsafe.Add(ref a3, p * columnStride));
            c30 = TL.MultiplyAdd(x, b0, c30); c31 = TL.MultiplyAdd(x, b1, c31); c32 = TL.MultiplyAdd(x, b2, c32);
        }
        ref double o0 = ref Unsafe.Add(ref rc, (nuint)i * stride + (nuint)j);
        TL.Store(c00, ref o0, 0); TL.Store(c01, ref o0, w); TL.Store(c02, ref o0, 2 * w);
        TL.Store(c10, ref o0, stride); TL.Store(c11, ref o0, stride + w); TL.Store(c12, ref o0, stride + 2 * w);
        TL.Store(c20, ref o0, 2 * stride); TL.Store(c21, ref o0, 2 * stride + w); TL.Store(c22, ref o0, 2 * stride + 2 * w);
        TL.Store(c30, ref o0, 3 * stride); TL.Store(c31, ref o0, 3 * stride + w); TL.Store(c32, ref o0, 3 * stride + 2 * w);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x2<TL>(ref double ra, ref double rb, ref double rc, int i, int j, int inner, int n, nuint rowStride, nuint columnStride) where TL : struct, IDoubleLanes<TL>
    {
        nuint w = (nuint)TL.Count, stride = (nuint)n, k = (nuint)inner;
        TL c00 = TL.Zero, c01 = TL.Zero, c10 = TL.Zero, c11 = TL.Zero, c20 = TL.Zero, c21 = TL.Zero, c30 = TL.Zero, c31 = TL.Zero;
        ref double a0 = ref Unsafe.Add(ref ra, (nuint)i * rowStride);
        ref double a1 = ref Unsafe.Add(ref a0, rowStride);
        ref double a2 = ref Unsafe.Add(ref a1, rowStride);
        ref double a3 = ref Unsafe.Add(ref a2, rowStride);
        ref double bj = ref Unsafe.Add(ref rb, (nuint)j);
        for (nuint p = 0; p < k; p++)
        {
            nuint o = p * stride;
            TL b0 = TL.Load(ref bj, o), b1 = TL.Load(ref bj, o + w);
            TL x = TL.Broadcast(Unsafe.Add(ref a0, p * columnStride));
            c00 = TL.MultiplyAdd(x, b0, c00); c01 = TL.MultiplyAdd(x, b1, c01);
            x = TL.Broadcast(Unsafe.Add(ref a1, p * columnStride));
            c10 = TL.MultiplyAdd(x, b0, c10); c11 = TL.MultiplyAdd(x, b1, c11);
            x = TL.Broadcast(Unsafe.Add(ref a2, p * columnStride));
            c20 = TL.MultiplyAdd(x, b0, c20); c21 = TL.MultiplyAdd(x, b1, c21);
            x = TL.Broadcast(Unsafe.Add(ref a3, p * columnStride));
            c30 = TL.MultiplyAdd(x, b0, c30); c31 = TL.MultiplyAdd(x, b1, c31);
        }
        ref double o0 = ref Unsafe.Add(ref rc, (nuint)i * stride + (nuint)j);
        TL.Store(c00, ref o0, 0); TL.Store(c01, ref o0, w);
        TL.Store(c10, ref o0, stride); TL.Store(c11, ref o0, stride + w);
        TL.Store(c20, ref o0, 2 * stride); TL.Store(c21, ref o0, 2 * stride + w);
        TL.Store(c30, ref o0, 3 * stride); TL.Store(c31, ref o0, 3 * stride + w);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block4x1<TL>(ref double ra, ref double rb, ref double rc, int i, int j, int inner, int n, nuint rowStride, nuint columnStride) where TL : struct, IDoubleLanes<TL>
    {
        nuint stride = (nuint)n, k = (nuint)inner;
        TL c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero;
        ref double a0 = ref Unsafe.Add(ref ra, (nuint)i * rowStride);
        ref double a1 = ref Unsafe.Add(ref a0, rowStride);
        ref double a2 = ref Unsafe.Add(ref a1, rowStride);
        ref double a3 = ref Unsafe.Add(ref a2, rowStride);
        ref double bj = ref Unsafe.Add(ref rb, (nuint)j);
        for (nuint p = 0; p < k; p++)
        {
            TL b0 = TL.Load(ref bj, p * stride);
            c0 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a0, p * columnStride)), b0, c0);
            c1 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a1, p * columnStride)), b0, c1);
            c2 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a2, p * columnStride)), b0, c2);
            c3 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a3, p * columnStride)), b0, c3);
        }
        ref double o0 = ref Unsafe.Add(ref rc, (nuint)i * stride + (nuint)j);
        TL.Store(c0, ref o0, 0); TL.Store(c1, ref o0, stride); TL.Store(c2, ref o0, 2 * stride); TL.Store(c3, ref o0, 3 * stride);
    }

    /// <summary>A leftover row: four independent accumulators, so it is not bound by the FMA latency.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4<TL>(ref double ra, ref double rb, ref double rc, int i, int j, int inner, int n, nuint rowStride, nuint columnStride) where TL : struct, IDoubleLanes<TL>
    {
        nuint w = (nuint)TL.Count, stride = (nuint)n, k = (nuint)inner;
        TL c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero;
        ref double a0 = ref Unsafe.Add(ref ra, (nuint)i * rowStride);
        ref double bj = ref Unsafe.Add(ref rb, (nuint)j);
        for (nuint p = 0; p < k; p++)
        {
            TL x = TL.Broadcast(Unsafe.Add(ref a0, p * columnStride));
            nuint o = p * stride;
            c0 = TL.MultiplyAdd(x, TL.Load(ref bj, o), c0);
            c1 = TL.MultiplyAdd(x, TL.Load(ref bj, o + w), c1);
            c2 = TL.MultiplyAdd(x, TL.Load(ref bj, o + 2 * w), c2);
            c3 = TL.MultiplyAdd(x, TL.Load(ref bj, o + 3 * w), c3);
        }
        ref double o0 = ref Unsafe.Add(ref rc, (nuint)i * stride + (nuint)j);
        TL.Store(c0, ref o0, 0); TL.Store(c1, ref o0, w); TL.Store(c2, ref o0, 2 * w); TL.Store(c3, ref o0, 3 * w);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block1x1<TL>(ref double ra, ref double rb, ref double rc, int i, int j, int inner, int n, nuint rowStride, nuint columnStride) where TL : struct, IDoubleLanes<TL>
    {
        nuint stride = (nuint)n, k = (nuint)inner;
        TL c0 = TL.Zero;
        ref double a0 = ref Unsafe.Add(ref ra, (nuint)i * rowStride);
        ref double bj = ref Unsafe.Add(ref rb, (nuint)j);
        for (nuint p = 0; p < k; p++) c0 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref a0, p * columnStride)), TL.Load(ref bj, p * stride), c0);
        TL.Store(c0, ref Unsafe.Add(ref rc, (nuint)i * stride + (nuint)j), 0);
    }
}
