namespace Specialized.Classical;

/// <summary>
/// The k-nearest-neighbour classifier by brute force: Euclidean distances to every training row
/// (SIMD across rows), the k closest vote with equal weight, and the most voted class wins.
/// It finds the same neighbours as scikit-learn's brute force: among rows at equal distance the lower
/// training index is taken (scikit-learn scans rows in order and admits a row only when strictly
/// closer than its current k-th; see <c>heap_push</c> in <c>sklearn/utils/_heap.pyx</c>). A tie in the vote goes to
/// the lowest class label, as <c>KNeighborsClassifier</c> (scipy's mode) does. Distances here are exact
/// differences summed in single precision; scikit-learn 1.2 expands ‖x‖² − 2x·y + ‖y‖² in double. On
/// integer-valued data such as digits both are exact, so ties and neighbours agree; on other data a
/// near-tie can round differently.
/// </summary>
public sealed class KNearestNeighbors : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private BlockedRows? _rows;
    private int[] _labels = [];

    /// <summary>Configures the classifier.</summary>
    /// <param name="neighborCount">k, the number of neighbours that vote (scikit-learn's <c>n_neighbors</c>).</param>
    /// <param name="maxThreads">Most threads the batch <c>Predict</c> and <c>PredictProbabilities</c> use (rows in blocks of 16);
    /// 1 (the default) runs on the calling thread. Results are identical for every thread count.</param>
    public KNearestNeighbors(int neighborCount = 5, int maxThreads = 1)
    {
        Require.InRange(neighborCount, 1, int.MaxValue);
        Require.InRange(maxThreads, 1, int.MaxValue);
        NeighborCount = neighborCount;
        MaxThreads = maxThreads;
    }

    /// <summary>Most threads batch prediction uses.</summary>
    public int MaxThreads { get; }

    /// <summary>k.</summary>
    public int NeighborCount { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _rows is not null;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Malformed samples or labels, or fewer rows than <see cref="NeighborCount"/>.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int classes = Require.Labels(labels, rows, nameof(labels));
        if (NeighborCount > rows)
            throw new ArgumentException($"samples have {rows} rows, fewer than neighborCount = {NeighborCount}; use a smaller neighborCount or more rows.", nameof(samples));
        _rows = new BlockedRows(samples, featureCount);
        _labels = labels.ToArray();
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <summary>
    /// Writes the indices of the k nearest training rows of <paramref name="sample"/> (closest first) and their
    /// Euclidean distances.
    /// </summary>
    public void Neighbors(ReadOnlySpan<float> sample, Span<int> indices, Span<float> distances)
    {
        Require.Fitted(IsFitted, nameof(KNearestNeighbors));
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        Require.Finite(sample, FeatureCount, nameof(sample));
        Require.Length<int>(indices, NeighborCount, nameof(indices), "neighborCount");
        Require.Length<float>(distances, NeighborCount, nameof(distances), "neighborCount");
        FindNeighbors(sample, indices, distances);
        for (int i = 0; i < distances.Length; i++) distances[i] = MathF.Sqrt(distances[i]);
    }

    private void FindNeighbors(ReadOnlySpan<float> sample, Span<int> indices, Span<float> squaredDistances)
    {
        BlockedRows rows = _rows!;
        Span<float> all = ScratchBuffer.Floats(rows.PaddedCount);
        rows.SquaredDistances(sample, all);
        NearestNeighbors.SmallestK(all, rows.Count, squaredDistances, indices);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        Require.Fitted(IsFitted, nameof(KNearestNeighbors));
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        Require.Finite(sample, FeatureCount, nameof(sample));
        Span<int> votes = stackalloc int[ClassCount];
        return Vote(sample, votes);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        Require.Fitted(IsFitted, nameof(KNearestNeighbors));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<int>(labels, rows, nameof(labels), "one per row");
        if (MaxThreads == 1 || rows <= RowParallel.BlockRows)
        {
            PredictRows(samples, labels); // on the calling thread, no closure: allocation-free after warm-up
            return;
        }
        PredictParallel(samples, labels, rows);
    }

    private unsafe void PredictParallel(ReadOnlySpan<float> samples, Span<int> labels, int rows)
    {
        fixed (float* x = samples)
        fixed (int* y = labels)
        {
            nint xs = (nint)x, ys = (nint)y;
            int d = FeatureCount;
            RowParallel.For(rows, MaxThreads, (start, end) =>
            {
                var block = new ReadOnlySpan<float>((float*)xs + (nint)start * d, (end - start) * d);
                PredictRows(block, new Span<int>((int*)ys + start, end - start));
            });
        }
    }

    private void PredictRows(ReadOnlySpan<float> samples, Span<int> labels)
    {
        Span<int> votes = stackalloc int[ClassCount];
        for (int r = 0; r < labels.Length; r++) labels[r] = Vote(samples.Slice(r * FeatureCount, FeatureCount), votes);
    }

    private void ProbabilityRows(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int classes = ClassCount;
        Span<int> votes = stackalloc int[classes];
        for (int r = 0; r < probabilities.Length / classes; r++)
        {
            Vote(samples.Slice(r * FeatureCount, FeatureCount), votes);
            for (int k = 0; k < classes; k++) probabilities[r * classes + k] = (float)votes[k] / NeighborCount;
        }
    }

    /// <inheritdoc/>
    /// <remarks>The probability of a class is the fraction of the k neighbours that carry it.</remarks>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        Require.Fitted(IsFitted, nameof(KNearestNeighbors));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<float>(probabilities, rows * ClassCount, nameof(probabilities), "rows × ClassCount");
        if (MaxThreads == 1 || rows <= RowParallel.BlockRows)
        {
            ProbabilityRows(samples, probabilities);
            return;
        }
        ProbabilitiesParallel(samples, probabilities, rows);
    }

    private unsafe void ProbabilitiesParallel(ReadOnlySpan<float> samples, Span<float> probabilities, int rows)
    {
        fixed (float* x = samples)
        fixed (float* p = probabilities)
        {
            nint xs = (nint)x, ps = (nint)p;
            int d = FeatureCount, classes = ClassCount;
            RowParallel.For(rows, MaxThreads, (start, end) =>
            {
                var block = new ReadOnlySpan<float>((float*)xs + (nint)start * d, (end - start) * d);
                ProbabilityRows(block, new Span<float>((float*)ps + (nint)start * classes, (end - start) * classes));
            });
        }
    }

    private int Vote(ReadOnlySpan<float> sample, Span<int> votes)
    {
        Span<int> indices = ScratchBuffer.Ints(NeighborCount);
        Span<float> squared = NeighborCount <= 256 ? stackalloc float[NeighborCount] : new float[NeighborCount];
        FindNeighbors(sample, indices, squared);
        votes.Clear();
        foreach (int index in indices) votes[_labels[index]]++;
        int best = 0;
        for (int k = 1; k < votes.Length; k++) if (votes[k] > votes[best]) best = k;
        return best;
    }
}
