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

    /// <summary>Σ exp((d² − shift)·scale) over <paramref name="squaredDistances"/> on a forced path (tests take each one).</summary>
    internal static double SumOfExponentials(ReadOnlySpan<float> squaredDistances, double shift, double scale, VectorPath path) =>
        VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => SumOfExponentials512(squaredDistances, shift, scale),
            VectorPath.Vector256 => SumOfExponentials256(squaredDistances, shift, scale),
            VectorPath.Vector128 => SumOfExponentials128(squaredDistances, shift, scale),
            _ => SumOfExponentialsTail(squaredDistances, 0, shift, scale),
        };

    private static double SumOfExponentials(ReadOnlySpan<float> squaredDistances, double shift, double scale) =>
        SumOfExponentials(squaredDistances, shift, scale, VectorPath.Auto);

    // One method per width, each compiled straight to optimized code: a scoring call runs it once per row.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfExponentials512(ReadOnlySpan<float> squaredDistances, double shift, double scale)
    {
        ref float d = ref MemoryMarshal.GetReference(squaredDistances);
        int n = squaredDistances.Length, i = 0;
        Vector512<double> s0 = default, s1 = default, shiftVector = Vector512.Create(shift), scaleVector = Vector512.Create(scale);
        for (; i + 16 <= n; i += 16)
        {
            (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(Vector512.LoadUnsafe(ref d, (nuint)i));
            s0 += DoubleExp.ExpNonPositive((lower - shiftVector) * scaleVector);
            s1 += DoubleExp.ExpNonPositive((upper - shiftVector) * scaleVector);
        }
        return Vector512.Sum(s0 + s1) + SumOfExponentialsTail(squaredDistances, i, shift, scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfExponentials256(ReadOnlySpan<float> squaredDistances, double shift, double scale)
    {
        ref float d = ref MemoryMarshal.GetReference(squaredDistances);
        int n = squaredDistances.Length, i = 0;
        Vector256<double> s0 = default, s1 = default, shiftVector = Vector256.Create(shift), scaleVector = Vector256.Create(scale);
        for (; i + 8 <= n; i += 8)
        {
            (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref d, (nuint)i));
            s0 += DoubleExp.ExpNonPositive((lower - shiftVector) * scaleVector);
            s1 += DoubleExp.ExpNonPositive((upper - shiftVector) * scaleVector);
        }
        return Vector256.Sum(s0 + s1) + SumOfExponentialsTail(squaredDistances, i, shift, scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfExponentials128(ReadOnlySpan<float> squaredDistances, double shift, double scale)
    {
        ref float d = ref MemoryMarshal.GetReference(squaredDistances);
        int n = squaredDistances.Length, i = 0;
        Vector128<double> s0 = default, s1 = default, shiftVector = Vector128.Create(shift), scaleVector = Vector128.Create(scale);
        for (; i + 4 <= n; i += 4)
        {
            (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(Vector128.LoadUnsafe(ref d, (nuint)i));
            s0 += DoubleExp.ExpNonPositive((lower - shiftVector) * scaleVector);
            s1 += DoubleExp.ExpNonPositive((upper - shiftVector) * scaleVector);
        }
        return Vector128.Sum(s0 + s1) + SumOfExponentialsTail(squaredDistances, i, shift, scale);
    }

    private static double SumOfExponentialsTail(ReadOnlySpan<float> squaredDistances, int from, double shift, double scale)
    {
        double sum = 0;
        for (int i = from; i < squaredDistances.Length; i++) sum += Math.Exp((squaredDistances[i] - shift) * scale);
        return sum;
    }
}
