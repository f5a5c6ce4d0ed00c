using System.Runtime.CompilerServices;

namespace Specialized.Classical;

/// <summary>
/// One fitted Gaussian: its mean and the Cholesky factor of its covariance (or the standard
/// deviations, for a diagonal one), from which the log-density is evaluated stably as
/// <c>−½(d·log 2π + log det Σ + ‖L⁻¹(x − μ)‖²)</c> without ever inverting Σ.
/// </summary>
internal sealed class GaussianComponent
{
    private readonly double[] _factor;

    private double[]? _covariance;
    private double[] _variances = [];

    private GaussianComponent(double[] mean, double[]? covariance, double[] factor, double logDeterminant, bool diagonal)
    {
        Mean = mean;
        _covariance = covariance;
        _factor = factor;
        LogDeterminant = logDeterminant;
        IsDiagonal = diagonal;
    }

    public double[] Mean { get; }

    /// <summary>d × d row-major (zero off the diagonal for a diagonal component, built on first use).</summary>
    public double[] Covariance => _covariance ??= DiagonalMatrix(_variances);

    public double LogDeterminant { get; }

    public bool IsDiagonal { get; }

    /// <summary>
    /// Factors <paramref name="covariance"/> (d × d; only its diagonal is read when <paramref name="diagonal"/>).
    /// Returns null when it is not positive definite.
    /// </summary>
    public static GaussianComponent? TryCreate(double[] mean, double[] covariance, bool diagonal)
    {
        int d = mean.Length;
        if (diagonal)
        {
            var deviations = new double[d];
            double logDet = 0;
            for (int j = 0; j < d; j++)
            {
                double variance = covariance[j * d + j];
                if (!(variance > 0) || !double.IsFinite(variance)) return null;
                deviations[j] = Math.Sqrt(variance);
                logDet += Math.Log(variance);
            }
            var diagonalOnly = new double[d * d];
            for (int j = 0; j < d; j++) diagonalOnly[j * d + j] = covariance[j * d + j];
            return new GaussianComponent(mean, diagonalOnly, deviations, logDet, true);
        }
        var factor = (double[])covariance.Clone();
        if (!LinearAlgebra.Cholesky.TryFactor(factor, d)) return null;
        return new GaussianComponent(mean, covariance, factor, LinearAlgebra.Cholesky.LogDeterminant(factor, d), false);
    }

    /// <summary>A diagonal component from its d <paramref name="variances"/>, with no d × d matrix; null when one is not positive and finite.</summary>
    public static GaussianComponent? TryCreateDiagonal(double[] mean, ReadOnlySpan<double> variances)
    {
        int d = mean.Length;
        var deviations = new double[d];
        double logDet = 0;
        for (int j = 0; j < d; j++)
        {
            double variance = variances[j];
            if (!(variance > 0) || !double.IsFinite(variance)) return null;
            deviations[j] = Math.Sqrt(variance);
            logDet += Math.Log(variance);
        }
        return new GaussianComponent(mean, null, deviations, logDet, true) { _variances = variances.ToArray() };
    }

    private static double[] DiagonalMatrix(double[] variances)
    {
        int d = variances.Length;
        var matrix = new double[d * d];
        for (int j = 0; j < d; j++) matrix[j * d + j] = variances[j];
        return matrix;
    }

    /// <summary>log N(x; μ, Σ). <paramref name="work"/> needs d elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per-row hot loop: no tier-0 phase
    public double LogDensity(ReadOnlySpan<float> x, Span<double> work)
    {
        int d = Mean.Length;
        double squared = 0;
        if (IsDiagonal)
        {
            for (int j = 0; j < d; j++)
            {
                double z = (x[j] - Mean[j]) / _factor[j];
                squared += z * z;
            }
        }
        else
        {
            // Forward substitution L·z = x − μ, accumulating ‖z‖² as each z_i is found.
            for (int i = 0; i < d; i++)
            {
                double sum = x[i] - Mean[i];
                ReadOnlySpan<double> row = _factor.AsSpan(i * d, i);
                for (int k = 0; k < i; k++) sum -= row[k] * work[k];
                double z = sum / _factor[i * d + i];
                work[i] = z;
                squared += z * z;
            }
        }
        return -0.5 * (d * DensityMath.LogTwoPi + LogDeterminant + squared);
    }
}
