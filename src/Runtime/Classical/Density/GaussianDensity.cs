namespace Specialized.Classical;

/// <summary>
/// A Gaussian fitted by maximum likelihood: the sample mean and the covariance with divisor n
/// (not n − 1), full or diagonal, in any dimension (one feature gives the 1-D Gaussian).
/// The log-density is evaluated through the Cholesky factor of the covariance, never its inverse.
/// </summary>
/// <example><code>
/// var gaussian = new GaussianDensity(CovarianceKind.Full, regularization: 1e-6);
/// gaussian.Fit(samples, featureCount: 4);
/// double logP = gaussian.LogDensity(samples[..4]);
/// </code></example>
public sealed class GaussianDensity : IDensityEstimator
{
    private readonly ExclusiveUse _exclusive = new();
    private GaussianComponent? _component;

    /// <summary>Configures the estimator.</summary>
    /// <param name="covariance"><see cref="CovarianceKind.Full"/> or <see cref="CovarianceKind.Diagonal"/>.</param>
    /// <param name="regularization">Added to the covariance's diagonal (scikit-learn's <c>reg_covar</c>); 0 keeps the exact MLE.</param>
    public GaussianDensity(CovarianceKind covariance = CovarianceKind.Full, double regularization = 0)
    {
        if (covariance is not (CovarianceKind.Full or CovarianceKind.Diagonal))
            throw new ArgumentOutOfRangeException(nameof(covariance), covariance, "covariance must be Full or Diagonal for a single Gaussian.");
        Require.NonNegative(regularization);
        CovarianceKind = covariance;
        Regularization = regularization;
    }

    /// <summary>The covariance kind chosen at construction.</summary>
    public CovarianceKind CovarianceKind { get; }

    /// <summary>The value added to the covariance's diagonal.</summary>
    public double Regularization { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _component is not null;

    /// <summary>The fitted mean (one per feature).</summary>
    public IReadOnlyList<double> Mean => Fitted.Mean;

    /// <summary>The fitted covariance, d × d row-major (zero off the diagonal for a diagonal fit), regularization included.</summary>
    public IReadOnlyList<double> Covariance => Fitted.Covariance;

    /// <summary>log det Σ of the fitted covariance.</summary>
    public double LogDeterminant => Fitted.LogDeterminant;

    private GaussianComponent Fitted
    {
        get
        {
            Require.Fitted(_component is not null, nameof(GaussianDensity));
            return _component!;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The samples are malformed or not finite, or their covariance is singular
    /// (e.g. a single row or a constant feature) and <see cref="Regularization"/> is 0.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int d = featureCount;
        var mean = new double[d];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++) mean[j] += samples[r * d + j];
        for (int j = 0; j < d; j++) mean[j] /= rows;

        bool diagonal = CovarianceKind == CovarianceKind.Diagonal;
        var covariance = new double[d * d];
        var centered = new double[d];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < d; j++) centered[j] = samples[r * d + j] - mean[j];
            for (int i = 0; i < d; i++)
            {
                if (diagonal) covariance[i * d + i] += centered[i] * centered[i];
                else for (int j = 0; j <= i; j++) covariance[i * d + j] += centered[i] * centered[j];
            }
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double value = covariance[i * d + j] / rows;
                covariance[i * d + j] = value;
                covariance[j * d + i] = value;
            }
            covariance[i * d + i] += Regularization;
        }

        _component = GaussianComponent.TryCreate(mean, covariance, diagonal) ?? throw new ArgumentException(
            $"samples ({rows} rows × {d} features) have a singular covariance (a constant feature, too few rows or collinear features); " +
            "pass a regularization greater than 0 to add to its diagonal.", nameof(samples));
        FeatureCount = d;
    }

    /// <summary>log p(x) of one sample of <see cref="FeatureCount"/> features.</summary>
    public double LogDensity(ReadOnlySpan<float> sample)
    {
        GaussianComponent component = Fitted;
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        return component.LogDensity(sample, ScratchBuffer.Doubles(FeatureCount));
    }

    /// <inheritdoc/>
    public void ScoreSamples(ReadOnlySpan<float> samples, Span<double> logDensities)
    {
        GaussianComponent component = Fitted;
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<double>(logDensities, rows, nameof(logDensities), "one per row");
        Span<double> work = ScratchBuffer.Doubles(FeatureCount);
        for (int r = 0; r < rows; r++) logDensities[r] = component.LogDensity(samples.Slice(r * FeatureCount, FeatureCount), work);
    }
}
