using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Classical;

/// <summary>
/// Squared Euclidean distances for k-means, each with 512-, 256-, 128-bit and scalar paths: a block of rows against
/// one point (<see cref="ToPoint(ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double}, VectorPath)"/>, the
/// k-means++ candidates) and a block of rows against k centres, keeping the nearest
/// (<see cref="Assign(ReadOnlySpan{double}, int, int, ReadOnlySpan{double}, int, Span{int}, Span{double}, VectorPath)"/>,
/// Lloyd's assignment). The widest accelerated path is chosen once per process; tests force each. Every path sums a
/// distance the same way whichever entry computes it, so a single distance equals the same pair's entry in a block.
/// <para>
/// Why the vector code sits in two small kernels per width, away from k-means' loops (issue 17, docs/classical.md): a
/// ReadyToRun image built for the package's portable target (x86-64-v2) cannot hold a method that touches a 256- or
/// 512-bit vector or a fused multiply-add, and a method that asks <c>Vector512.IsHardwareAccelerated</c> is rejected
/// on an AVX-512 CPU. When the distance was inlined into k-means++ and Lloyd's loop, both were therefore compiled at
/// first use (at tier 0 with on-stack replacement, their vector operations calls), together with every private method
/// only they call: 20 methods and 55 ms for the first fit on the digits. Now the width is a field read, the loops
/// around the kernels are precompiled, and only the two kernels of the machine's width are compiled at first use,
/// straight to optimized code (<c>AggressiveOptimization</c>: at tier 0 each lane operation would be a call). Each
/// kernel takes a whole block of rows, so a fit makes one call per block, not one per distance.
/// </para>
/// </summary>
internal static class SquaredEuclidean
{
    /// <summary>The widest accelerated path, read by the automatic entries (a field, not the hardware query, so callers stay precompilable).</summary>
    private static readonly VectorPath Widest = VectorPaths.Resolve(VectorPath.Auto);

    /// <summary>The squared distance between <paramref name="a"/> and <paramref name="b"/> on the widest accelerated path.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Distance(a, b, Widest);

    /// <summary>The distance on a forced path (tests; an unaccelerated width still runs, in software).</summary>
    internal static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, VectorPath path)
    {
        if (a.Length != b.Length) throw LengthMismatch(a.Length, b.Length);
        double distance = 0;
        ToPoint(a, 1, b, new Span<double>(ref distance), path);
        return distance;
    }

    /// <summary>Writes the squared distance of each of the <paramref name="rows"/> rows of <paramref name="x"/> (rows × d, d = point length) to <paramref name="point"/> into <paramref name="distances"/>.</summary>
    public static void ToPoint(ReadOnlySpan<double> x, int rows, ReadOnlySpan<double> point, Span<double> distances) =>
        ToPoint(x, rows, point, distances, Widest);

    /// <inheritdoc cref="ToPoint(ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double})"/>
    internal static void ToPoint(ReadOnlySpan<double> x, int rows, ReadOnlySpan<double> point, Span<double> distances, VectorPath path)
    {
        int d = point.Length;
        RequireBlock(x, rows, d);
        if (distances.Length < rows) throw new ArgumentException($"distances has {distances.Length} elements; expected at least rows = {rows}.", nameof(distances));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double rp = ref MemoryMarshal.GetReference(point);
        ref double output = ref MemoryMarshal.GetReference(distances);
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512: ToPoint512(ref rx, rows, d, ref rp, ref output); break;
            case VectorPath.Vector256: ToPoint256(ref rx, rows, d, ref rp, ref output); break;
            case VectorPath.Vector128: ToPoint128(ref rx, rows, d, ref rp, ref output); break;
            default: ToPointScalar(ref rx, rows, d, ref rp, ref output); break;
        }
    }

    /// <summary>Index of the nearest of <paramref name="centers"/> (k × d) to <paramref name="row"/>, on the widest accelerated path; ties go to the lower index.</summary>
    public static int Nearest(ReadOnlySpan<double> row, ReadOnlySpan<double> centers, int k, out double squaredDistance)
    {
        int label = 0;
        double distance = 0;
        Assign(row, 1, row.Length, centers, k, new Span<int>(ref label), new Span<double>(ref distance), Widest);
        squaredDistance = distance;
        return label;
    }

    /// <summary>
    /// For each of the <paramref name="rows"/> rows of <paramref name="x"/> (rows × d), the index of the nearest of
    /// <paramref name="centers"/> (k × d) into <paramref name="labels"/> and its squared distance into
    /// <paramref name="distances"/>; ties go to the lower index.
    /// </summary>
    public static void Assign(ReadOnlySpan<double> x, int rows, int d, ReadOnlySpan<double> centers, int k, Span<int> labels, Span<double> distances) =>
        Assign(x, rows, d, centers, k, labels, distances, Widest);

    /// <summary>As the automatic entry, on a forced path (tests).</summary>
    internal static void Assign(ReadOnlySpan<double> x, int rows, int d, ReadOnlySpan<double> centers, int k, Span<int> labels, Span<double> distances, VectorPath path)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        if (d < 0) throw new ArgumentOutOfRangeException(nameof(d), d, "d must not be negative.");
        RequireBlock(x, rows, d);
        if ((long)k * d > centers.Length)
            throw new ArgumentException($"centers has {centers.Length} elements; expected at least k × d = {k} × {d}.", nameof(centers));
        if (labels.Length < rows) throw new ArgumentException($"labels has {labels.Length} elements; expected at least rows = {rows}.", nameof(labels));
        if (distances.Length < rows) throw new ArgumentException($"distances has {distances.Length} elements; expected at least rows = {rows}.", nameof(distances));
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double rc = ref MemoryMarshal.GetReference(centers);
        ref int rl = ref MemoryMarshal.GetReference(labels);
        ref double rd = ref MemoryMarshal.GetReference(distances);
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512: Assign512(ref rx, rows, d, ref rc, k, ref rl, ref rd); break;
            case VectorPath.Vector256: Assign256(ref rx, rows, d, ref rc, k, ref rl, ref rd); break;
            case VectorPath.Vector128: Assign128(ref rx, rows, d, ref rc, k, ref rl, ref rd); break;
            default: AssignScalar(ref rx, rows, d, ref rc, k, ref rl, ref rd); break;
        }
    }

    private static void RequireBlock(ReadOnlySpan<double> x, int rows, int d)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must not be negative.");
        if ((long)rows * d > x.Length) throw new ArgumentException($"x has {x.Length} elements; expected at least rows × d = {rows} × {d}.", nameof(x));
    }

    // The kernels: one per width and task. The vector ones are compiled at first use, optimized at once (see the
    // class comment); the scalar ones have no vector operand and are precompiled like any other method.

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ToPoint512(ref double x, int rows, int d, ref double point, ref double distances)
    {
        for (int i = 0; i < rows; i++) Unsafe.Add(ref distances, i) = Sum512(ref Unsafe.Add(ref x, (nint)i * d), ref point, d);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ToPoint256(ref double x, int rows, int d, ref double point, ref double distances)
    {
        for (int i = 0; i < rows; i++) Unsafe.Add(ref distances, i) = Sum256(ref Unsafe.Add(ref x, (nint)i * d), ref point, d);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ToPoint128(ref double x, int rows, int d, ref double point, ref double distances)
    {
        for (int i = 0; i < rows; i++) Unsafe.Add(ref distances, i) = Sum128(ref Unsafe.Add(ref x, (nint)i * d), ref point, d);
    }

    private static void ToPointScalar(ref double x, int rows, int d, ref double point, ref double distances)
    {
        for (int i = 0; i < rows; i++) Unsafe.Add(ref distances, i) = SumScalar(ref Unsafe.Add(ref x, (nint)i * d), ref point, 0, d, 0);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Assign512(ref double x, int rows, int d, ref double centers, int k, ref int labels, ref double distances)
    {
        for (int i = 0; i < rows; i++)
        {
            ref double row = ref Unsafe.Add(ref x, (nint)i * d);
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double distance = Sum512(ref row, ref Unsafe.Add(ref centers, (nint)c * d), d);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }
            Unsafe.Add(ref labels, i) = best;
            Unsafe.Add(ref distances, i) = bestDistance;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Assign256(ref double x, int rows, int d, ref double centers, int k, ref int labels, ref double distances)
    {
        for (int i = 0; i < rows; i++)
        {
            ref double row = ref Unsafe.Add(ref x, (nint)i * d);
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double distance = Sum256(ref row, ref Unsafe.Add(ref centers, (nint)c * d), d);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }
            Unsafe.Add(ref labels, i) = best;
            Unsafe.Add(ref distances, i) = bestDistance;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Assign128(ref double x, int rows, int d, ref double centers, int k, ref int labels, ref double distances)
    {
        for (int i = 0; i < rows; i++)
        {
            ref double row = ref Unsafe.Add(ref x, (nint)i * d);
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double distance = Sum128(ref row, ref Unsafe.Add(ref centers, (nint)c * d), d);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }
            Unsafe.Add(ref labels, i) = best;
            Unsafe.Add(ref distances, i) = bestDistance;
        }
    }

    private static void AssignScalar(ref double x, int rows, int d, ref double centers, int k, ref int labels, ref double distances)
    {
        for (int i = 0; i < rows; i++)
        {
            ref double row = ref Unsafe.Add(ref x, (nint)i * d);
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double distance = SumScalar(ref row, ref Unsafe.Add(ref centers, (nint)c * d), 0, d, 0);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = c;
                }
            }
            Unsafe.Add(ref labels, i) = best;
            Unsafe.Add(ref distances, i) = bestDistance;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum512(ref double ra, ref double rb, int n)
    {
        Vector512<double> s = default;
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            Vector512<double> d = Vector512.LoadUnsafe(ref ra, (nuint)i) - Vector512.LoadUnsafe(ref rb, (nuint)i);
            s = Vector512.FusedMultiplyAdd(d, d, s);
        }
        return SumScalar(ref ra, ref rb, i, n, Vector512.Sum(s));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum256(ref double ra, ref double rb, int n)
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
        return SumScalar(ref ra, ref rb, i, n, Vector256.Sum(s0 + s1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum128(ref double ra, ref double rb, int n)
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
        return SumScalar(ref ra, ref rb, i, n, Vector128.Sum(s0 + s1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SumScalar(ref double ra, ref double rb, int i, int n, double sum)
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
}
