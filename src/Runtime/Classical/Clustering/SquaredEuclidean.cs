using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Classical;

/// <summary>Squared Euclidean distance between two double rows, with a 512-, 256-bit or scalar path.</summary>
internal static class SquaredEuclidean
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        // The loops read b through an unchecked ref up to a.Length.
        if (a.Length != b.Length) throw new ArgumentException($"a has {a.Length} elements and b {b.Length}; they must match.", nameof(b));
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        int n = a.Length, i = 0;
        double sum = 0;
        if (Vector512.IsHardwareAccelerated && n >= 8)
        {
            Vector512<double> s = default;
            for (; i + 8 <= n; i += 8)
            {
                Vector512<double> d = Vector512.LoadUnsafe(ref ra, (nuint)i) - Vector512.LoadUnsafe(ref rb, (nuint)i);
                s = Vector512.FusedMultiplyAdd(d, d, s);
            }
            sum = Vector512.Sum(s);
        }
        else if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            Vector256<double> s0 = default, s1 = default;
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
            sum = Vector256.Sum(s0 + s1);
        }
        for (; i < n; i++)
        {
            double d = Unsafe.Add(ref ra, i) - Unsafe.Add(ref rb, i);
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Index of the nearest of <paramref name="centers"/> (k × d) to <paramref name="row"/>; ties go to the lower index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimized from the first call
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
