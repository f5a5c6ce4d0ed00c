using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Classical;

/// <summary>
/// Squared Euclidean distance between two double rows, with 512-, 256-, 128-bit and scalar paths; the widest
/// accelerated one is chosen at run time, and tests force each (<see cref="Distance(ReadOnlySpan{double}, ReadOnlySpan{double}, VectorPath)"/>).
/// No method here is marked AggressiveOptimization, so a ReadyToRun image carries them precompiled.
/// </summary>
internal static class SquaredEuclidean
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        // The loops read b through an unchecked ref up to a.Length.
        if (a.Length != b.Length) throw LengthMismatch(a.Length, b.Length);
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        if (Vector512.IsHardwareAccelerated && n >= 8) return Distance512(ref ra, ref rb, n);
        if (Vector256.IsHardwareAccelerated && n >= 4) return Distance256(ref ra, ref rb, n);
        if (Vector128.IsHardwareAccelerated && n >= 2) return Distance128(ref ra, ref rb, n);
        return Tail(ref ra, ref rb, 0, n, 0);
    }

    /// <summary>The distance on a forced path (tests; an unaccelerated width still runs, in software).</summary>
    internal static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, VectorPath path)
    {
        if (a.Length != b.Length) throw LengthMismatch(a.Length, b.Length);
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        return VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => Distance512(ref ra, ref rb, n),
            VectorPath.Vector256 => Distance256(ref ra, ref rb, n),
            VectorPath.Vector128 => Distance128(ref ra, ref rb, n),
            _ => Tail(ref ra, ref rb, 0, n, 0),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Distance512(ref double ra, ref double rb, int n)
    {
        Vector512<double> s = default;
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            Vector512<double> d = Vector512.LoadUnsafe(ref ra, (nuint)i) - Vector512.LoadUnsafe(ref rb, (nuint)i);
            s = Vector512.FusedMultiplyAdd(d, d, s);
        }
        return Tail(ref ra, ref rb, i, n, Vector512.Sum(s));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Distance256(ref double ra, ref double rb, int n)
    {
        Vector256<double> s0 = default, s1 = default;
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            Vector256<double> d0 = Vector256.LoadUnsafe(ref ra, (nuint)i) - Vector256.LoadUnsafe(ref rb, (nuint)i);
            Vector256<double> d1 = Vector256.LoadUnsafe(ref ra, (nuint)i + 4) - Vector256.LoadUnsafe(ref rb, (nuint)i + 4);
            s0 = Vector256.FusedMultiplyAdd(d0, d0, s0);
            s1 = Vector256.FusedMultiplyAdd(d1, d1, s1);
        }
        for (; i + 4 <= n; i += 4)
        {
            Vector256<double> d = Vector256.LoadUnsafe(ref ra, (nuint)i) - Vector256.LoadUnsafe(ref rb, (nuint)i);
            s0 = Vector256.FusedMultiplyAdd(d, d, s0);
        }
        return Tail(ref ra, ref rb, i, n, Vector256.Sum(s0 + s1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Distance128(ref double ra, ref double rb, int n)
    {
        // Two accumulators hide the add latency the 2-lane register would otherwise expose. MultiplyAddEstimate, not
        // FusedMultiplyAdd: the same fused instruction where the CPU has FMA, and a multiply and an add on x86-64-v2
        // (Native AOT's default target), where FusedMultiplyAdd is emulated lane by lane in software; that made
        // k-means' assignment step 20 times slower there than on the 256-bit path (the seeding of a Gaussian mixture's fit).
        Vector128<double> s0 = default, s1 = default;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            Vector128<double> d0 = Vector128.LoadUnsafe(ref ra, (nuint)i) - Vector128.LoadUnsafe(ref rb, (nuint)i);
            Vector128<double> d1 = Vector128.LoadUnsafe(ref ra, (nuint)i + 2) - Vector128.LoadUnsafe(ref rb, (nuint)i + 2);
            s0 = Vector128.MultiplyAddEstimate(d0, d0, s0);
            s1 = Vector128.MultiplyAddEstimate(d1, d1, s1);
        }
        for (; i + 2 <= n; i += 2)
        {
            Vector128<double> d = Vector128.LoadUnsafe(ref ra, (nuint)i) - Vector128.LoadUnsafe(ref rb, (nuint)i);
            s0 = Vector128.MultiplyAddEstimate(d, d, s0);
        }
        return Tail(ref ra, ref rb, i, n, Vector128.Sum(s0 + s1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Tail(ref double ra, ref double rb, int i, int n, double sum)
    {
        for (; i < n; i++)
        {
            double d = Unsafe.Add(ref ra, i) - Unsafe.Add(ref rb, i);
            sum += d * d;
        }
        return sum;
    }

    private static ArgumentException LengthMismatch(int a, int b) =>
        new($"a has {a} elements and b {b}; they must match.", "b");

    /// <summary>Index of the nearest of <paramref name="centers"/> (k × d) to <paramref name="row"/>; ties go to the lower index.</summary>
    public static int Nearest(ReadOnlySpan<double> row, ReadOnlySpan<double> centers, int k, out double squaredDistance)
    {
        int d = row.Length, best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int c = 0; c < k; c++)
        {
            double distance = Distance(row, centers.Slice(c * d, d));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = c;
            }
        }
        squaredDistance = bestDistance;
        return best;
    }
}
