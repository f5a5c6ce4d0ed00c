namespace Specialized.Classical;

/// <summary>
/// The shape every density estimator shares: <c>Fit</c> on row-major samples
/// (<c>rows × featureCount</c> floats), then the natural log of the estimated density of any rows
/// into a caller-owned span. Scoring allocates nothing. A method called before <c>Fit</c> throws
/// <see cref="InvalidOperationException"/>. <see cref="BayesClassifier"/> builds on it.
/// </summary>
public interface IDensityEstimator
{
    /// <summary>Features per sample, fixed by <c>Fit</c>.</summary>
    int FeatureCount { get; }

    /// <summary>Whether <c>Fit</c> has completed.</summary>
    bool IsFitted { get; }

    /// <summary>Estimates the density from <paramref name="samples"/> (rows × <paramref name="featureCount"/>).</summary>
    void Fit(ReadOnlySpan<float> samples, int featureCount);

    /// <summary>
    /// Writes <c>log p(x)</c> of every row of <paramref name="samples"/> into <paramref name="logDensities"/>
    /// (one per row; −∞ where the estimate is zero).
    /// </summary>
    void ScoreSamples(ReadOnlySpan<float> samples, Span<double> logDensities);
}
