using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// The library's matrix product before issue 17 (the benchmarks' baseline): dense double-precision products for the classical algorithms' fitting loops (the E and
/// M steps of Gaussian mixtures, PCA's covariance). Row-major. The kernel keeps a 4 × 8 block of C
/// in eight 256-bit registers while it runs down the inner dimension, so each loaded row of B feeds
/// four rows of A; other sizes fall back to a scalar loop with the same summation order per element.
/// </summary>
internal static class OldMatrixMultiply
{
    /// <summary>C (m × n) = A (m × inner) · B (inner × n); C is overwritten.</summary>
    // Fully optimized from the first call: tier-0 code of this loop nest is tens of times slower.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<double> a, int m, int inner, ReadOnlySpan<double> b, int n, Span<double> c)
    {
        if (a.Length < m * inner) throw new ArgumentException($"a has {a.Length} elements; expected {m} × {inner}.", nameof(a));
        if (b.Length < inner * n) throw new ArgumentException($"b has {b.Length} elements; expected {inner} × {n}.", nameof(b));
        if (c.Length < m * n) throw new ArgumentException($"c has {c.Length} elements; expected {m} × {n}.", nameof(c));

        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= m; i += 4)
            {
                int j = 0;
                for (; j + 8 <= n; j += 8) Block4x8(ref ra, ref rb, ref rc, i, j, inner, n);
                for (; j < n; j++)
                {
                    for (int r = i; r < i + 4; r++) Unsafe.Add(ref rc, r * n + j) = Dot(ref ra, ref rb, r, j, inner, n);
                }
            }
        }
        for (; i < m; i++)
        {
            for (int j = 0; j < n; j++) Unsafe.Add(ref rc, i * n + j) = Dot(ref ra, ref rb, i, j, inner, n);
        }
    }

    /// <summary>C (n × n) = Aᵀ·A for A (rows × n), using <paramref name="transposeScratch"/> (n × rows) as workspace.</summary>
    public static void TransposeTimesSelf(ReadOnlySpan<double> a, int rows, int n, Span<double> transposeScratch, Span<double> c)
    {
        Transpose(a, rows, n, transposeScratch);
        Multiply(transposeScratch, n, rows, a, n, c);
    }

    /// <summary>Writes the transpose (cols × rows) of A (rows × cols) into <paramref name="result"/>.</summary>
    public static void Transpose(ReadOnlySpan<double> a, int rows, int cols, Span<double> result)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> row = a.Slice(r * cols, cols);
            for (int col = 0; col < cols; col++) result[col * rows + r] = row[col];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ref double ra, ref double rb, int row, int column, int inner, int n)
    {
        double sum = 0;
        for (int p = 0; p < inner; p++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, row * inner + p), Unsafe.Add(ref rb, p * n + column), sum);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x8(ref double ra, ref double rb, ref double rc, int i, int j, int inner, int n)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<double> c20 = default, c21 = default, c30 = default, c31 = default;
        ref double a0 = ref Unsafe.Add(ref ra, i * inner);
        ref double a1 = ref Unsafe.Add(ref a0, inner);
        ref double a2 = ref Unsafe.Add(ref a1, inner);
        ref double a3 = ref Unsafe.Add(ref a2, inner);
        for (int p = 0; p < inner; p++)
        {
            nuint offset = (nuint)(p * n + j);
            Vector256<double> b0 = Vector256.LoadUnsafe(ref rb, offset);
            Vector256<double> b1 = Vector256.LoadUnsafe(ref rb, offset + 4);
            Vector256<double> x = Vector256.Create(Unsafe.Add(ref a0, p));
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a1, p));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a2, p));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a3, p));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
        }
        nuint o = (nuint)(i * n + j), stride = (nuint)n;
        c00.StoreUnsafe(ref rc, o); c01.StoreUnsafe(ref rc, o + 4);
        c10.StoreUnsafe(ref rc, o + stride); c11.StoreUnsafe(ref rc, o + stride + 4);
        c20.StoreUnsafe(ref rc, o + 2 * stride); c21.StoreUnsafe(ref rc, o + 2 * stride + 4);
        c30.StoreUnsafe(ref rc, o + 3 * stride); c31.StoreUnsafe(ref rc, o + 3 * stride + 4);
    }
}
