namespace Specialized.Classical;

/// <summary>
/// The k-nearest-neighbour density estimate: <c>p(x) = k / (N·V_d·r_k(x)^d)</c>, where r_k(x) is the
/// distance from x to its k-th nearest training row and <c>V_d</c> the volume of the unit d-ball. The
/// estimate is not a normalized density (its integral diverges), but it adapts its resolution to the data.
/// At a point with k training rows on it (r_k = 0) the log-density is +∞.
/// </summary>
public sealed class KnnDensity : IDensityEstimator
{
    private readonly ExclusiveUse _exclusive = new();
    private BlockedRows? _rows;
    private double _logConstant;

    /// <summary>Configures the estimator.</summary>
    /// <param name="neighborCount">k (at least 1, at most the number of training rows).</param>
    public KnnDensity(int neighborCount = 5)
    {
        Require.InRange(neighborCount, 1, int.MaxValue);
        NeighborCount = neighborCount;
    }

    /// <summary>k.</summary>
    public int NeighborCount { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _rows is not null;

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        if (NeighborCount > rows)
            throw new ArgumentException($"samples have {rows} rows, fewer than neighborCount = {NeighborCount}; use a smaller neighborCount or more rows.", nameof(samples));
        _logConstant = Math.Log(NeighborCount) - Math.Log(rows) - DensityMath.LogUnitBallVolume(featureCount);
        _rows = new BlockedRows(samples, featureCount);
        FeatureCount = featureCount;
    }

    /// <inheritdoc/>
    public void ScoreSamples(ReadOnlySpan<float> samples, Span<double> logDensities)
    {
        Require.Fitted(IsFitted, nameof(KnnDensity));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<double>(logDensities, rows, nameof(logDensities), "one per row");
        BlockedRows training = _rows!;
        Span<float> distances = ScratchBuffer.Floats(training.PaddedCount);
        Span<float> nearest = NeighborCount <= 256 ? stackalloc float[NeighborCount] : new float[NeighborCount];
        Span<int> indices = ScratchBuffer.Ints(NeighborCount);
        for (int r = 0; r < rows; r++)
        {
            training.SquaredDistances(samples.Slice(r * FeatureCount, FeatureCount), distances);
            NearestNeighbors.SmallestK(distances, training.Count, nearest, indices);
            // d·log r = (d/2)·log r².
            logDensities[r] = _logConstant - 0.5 * FeatureCount * Math.Log(nearest[NeighborCount - 1]);
        }
    }
}
