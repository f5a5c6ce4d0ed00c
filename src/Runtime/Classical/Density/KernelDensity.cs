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
    private BlockedRows? _rows;
    private double _logNormalization;

    /// <summary>Configures the estimator.</summary>
    /// <param name="bandwidth">The kernel's width h (&gt; 0), scikit-learn's <c>bandwidth</c>.</param>
    /// <param name="kernel">Gaussian or top-hat.</param>
    public KernelDensity(double bandwidth = 1.0, DensityKernel kernel = DensityKernel.Gaussian)
    {
        Require.Positive(bandwidth);
        if (!Enum.IsDefined(kernel)) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "kernel must be Gaussian or Tophat.");
        Bandwidth = bandwidth;
        Kernel = kernel;
    }

    /// <summary>The bandwidth h.</summary>
    public double Bandwidth { get; }

    /// <summary>The kernel.</summary>
    public DensityKernel Kernel { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _rows is not null;

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount)
    {
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
        BlockedRows training = _rows!;
        Span<float> distances = ScratchBuffer.Floats(training.PaddedCount);
        for (int r = 0; r < rows; r++)
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
                s0 += Vector256.Exp((lower - shiftVector) * scaleVector);
                s1 += Vector256.Exp((upper - shiftVector) * scaleVector);
            }
            sum = Vector256.Sum(s0 + s1);
        }
        for (; i < n; i++) sum += Math.Exp((Unsafe.Add(ref d, i) - shift) * scale);
        return sum;
    }
}
