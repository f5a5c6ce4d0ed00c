using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Classical;

/// <summary>
/// Kernel density estimation (Parzen windows) by brute force: <c>p(x) = (1/N)·Σ_i K_h(x − x_i)</c>,
/// normalized exactly as scikit-learn's <c>KernelDensity</c>: the Gaussian kernel by <c>(2πh²)^(−d/2)</c>, the
/// top-hat by the volume of the d-ball of radius h, <c>π^(d/2)·h^d / Γ(d/2 + 1)</c>. Squared distances are
/// computed in single precision with SIMD across training rows; the sum of kernels is taken in double
/// as a log-sum-exp, so densities of 10⁻⁷⁰ (64 dimensions, narrow bandwidth) are still exact.
/// </summary>
public sealed class KernelDensity : IDensityEstimator
{
    private readonly ExclusiveUse _exclusive = new();
    private BlockedRows? _rows;
    private double _logNormalization;

    /// <summary>Configures the estimator.</summary>
    /// <param name="bandwidth">The kernel's width h (&gt; 0), scikit-learn's <c>bandwidth</c>.</param>
    /// <param name="kernel">Gaussian or top-hat.</param>
    /// <param name="maxThreads">Most threads <c>ScoreSamples</c> uses (rows in blocks of 16); 1 (the default) runs on the
    /// calling thread. Results are identical for every thread count.</param>
    public KernelDensity(double bandwidth = 1.0, DensityKernel kernel = DensityKernel.Gaussian, int maxThreads = 1)
    {
        Require.Positive(bandwidth);
        Require.InRange(maxThreads, 1, int.MaxValue);
        MaxThreads = maxThreads;
        if (!Enum.IsDefined(kernel)) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "kernel must be Gaussian or Tophat.");
        Bandwidth = bandwidth;
        Kernel = kernel;
    }

    /// <summary>The bandwidth h.</summary>
    public double Bandwidth { get; }

    /// <summary>The kernel.</summary>
    public DensityKernel Kernel { get; }

    /// <summary>Most threads scoring uses.</summary>
    public int MaxThreads { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _rows is not null;

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        double logKernel = Kernel == DensityKernel.Gaussian
            ? -0.5 * featureCount * DensityMath.LogTwoPi
            : -DensityMath.LogUnitBallVolume(featureCount);
        _logNormalization = logKernel - featureCount * Math.Log(Bandwidth) - Math.Log(rows);
        _rows = new BlockedRows(samples, featureCount);
        FeatureCount = featureCount;
    }

    /// <inheritdoc/>
    public void ScoreSamples(ReadOnlySpan<float> samples, Span<double> logDensities)
    {
        Require.Fitted(IsFitted, nameof(KernelDensity));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<double>(logDensities, rows, nameof(logDensities), "one per row");
        if (MaxThreads == 1 || rows <= RowParallel.BlockRows)
        {
            ScoreRows(samples, logDensities); // on the calling thread, no closure: allocation-free after warm-up
            return;
        }
        ScoreParallel(samples, logDensities, rows);
    }

    private unsafe void ScoreParallel(ReadOnlySpan<float> samples, Span<double> logDensities, int rows)
    {
        fixed (float* x = samples)
        fixed (double* y = logDensities)
        {
            nint xs = (nint)x, ys = (nint)y;
            int d = FeatureCount;
            RowParallel.For(rows, MaxThreads, (start, end) =>
            {
                var block = new ReadOnlySpan<float>((float*)xs + (nint)start * d, (end - start) * d);
                ScoreRows(block, new Span<double>((double*)ys + start, end - start));
            });
        }
    }

    private void ScoreRows(ReadOnlySpan<float> samples, Span<double> logDensities)
    {
        BlockedRows training = _rows!;
        Span<float> distances = ScratchBuffer.Floats(training.PaddedCount); // per thread
        for (int r = 0; r < logDensities.Length; r++)
        {
            training.SquaredDistances(samples.Slice(r * FeatureCount, FeatureCount), distances);
            logDensities[r] = _logNormalization + LogKernelSum(distances[..training.Count]);
        }
    }

    private double LogKernelSum(ReadOnlySpan<float> squaredDistances)
    {
        double h2 = Bandwidth * Bandwidth;
        if (Kernel == DensityKernel.Tophat)
        {
            int inside = 0;
            foreach (float d2 in squaredDistances) if (d2 < h2) inside++;
            return inside == 0 ? double.NegativeInfinity : Math.Log(inside);
        }
        float nearest = float.PositiveInfinity;
        foreach (float d2 in squaredDistances) nearest = MathF.Min(nearest, d2);
        // log Σ exp(−d²/2h²) = −d²_min/2h² + log Σ exp(−(d² − d²_min)/2h²): the largest term is exp(0).
        double scale = -0.5 / h2;
        return scale * nearest + Math.Log(SumOfExponentials(squaredDistances, nearest, scale));
    }

    internal static double SumOfExponentialsForTests(ReadOnlySpan<float> squaredDistances, double shift, double scale) =>
        SumOfExponentials(squaredDistances, shift, scale);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfExponentials(ReadOnlySpan<float> squaredDistances, double shift, double scale)
    {
        ref float d = ref MemoryMarshal.GetReference(squaredDistances);
        int n = squaredDistances.Length, i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            Vector256<double> s0 = default, s1 = default, shiftVector = Vector256.Create(shift), scaleVector = Vector256.Create(scale);
            for (; i + 8 <= n; i += 8)
            {
                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref d, (nuint)i));
                s0 += ExpNonPositive((lower - shiftVector) * scaleVector);
                s1 += ExpNonPositive((upper - shiftVector) * scaleVector);
            }
            sum = Vector256.Sum(s0 + s1);
        }
        for (; i < n; i++) sum += Math.Exp((Unsafe.Add(ref d, i) - shift) * scale);
        return sum;
    }

    /// <summary>
    /// exp(x) for x ≤ 0, 4 lanes at a time, to about 1e-15 relative: x = k·ln 2 + r with |r| ≤ ½ln 2,
    /// exp(r) by its Taylor series to r¹², and 2^k built in the exponent bits. Below −708 the result is 0.
    /// (On AVX2 without AVX-512 the runtime's Vector256.Exp takes a slow path, about 1 µs per call here.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpNonPositive(Vector256<double> x)
    {
        Vector256<double> clamped = Vector256.Max(x, Vector256.Create(-708.0));
        Vector256<double> k = Vector256.Floor(clamped * Vector256.Create(1.4426950408889634) + Vector256.Create(0.5));
        // r = x − k·ln 2 with ln 2 split in two parts so the subtraction is exact.
        Vector256<double> r = clamped - k * Vector256.Create(0.6931471803691238) - k * Vector256.Create(1.9082149292705877e-10);
        Vector256<double> p = Vector256.Create(1.0 / 479001600);
        p = p * r + Vector256.Create(1.0 / 39916800);
        p = p * r + Vector256.Create(1.0 / 3628800);
        p = p * r + Vector256.Create(1.0 / 362880);
        p = p * r + Vector256.Create(1.0 / 40320);
        p = p * r + Vector256.Create(1.0 / 5040);
        p = p * r + Vector256.Create(1.0 / 720);
        p = p * r + Vector256.Create(1.0 / 120);
        p = p * r + Vector256.Create(1.0 / 24);
        p = p * r + Vector256.Create(1.0 / 6);
        p = p * r + Vector256.Create(0.5);
        p = p * r + Vector256<double>.One;
        p = p * r + Vector256<double>.One;
        // k as an integer without a double→long conversion (AVX2 has none; the fallback is scalar): adding
        // 1.5·2⁵² puts k in the low mantissa bits, and subtracting the constant's own bits leaves it.
        Vector256<double> magic = Vector256.Create(6755399441055744.0);
        Vector256<long> integer = (k + magic).AsInt64() - magic.AsInt64();
        Vector256<long> exponent = Vector256.ShiftLeft(integer + Vector256.Create(1023L), 52);
        Vector256<double> result = p * exponent.AsDouble();
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(-708.0)), result, Vector256<double>.Zero);
    }
}
