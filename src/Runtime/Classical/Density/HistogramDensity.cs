namespace Specialized.Classical;

/// <summary>
/// The histogram density estimate in any dimension: space is cut into cubic bins of side
/// <see cref="BinWidth"/> anchored at the training minimum of each feature (as numpy's histograms
/// start at the data's minimum), and <c>p(x) = count(bin of x) / (N·h^d)</c>. Only occupied bins are
/// stored (sorted, looked up by binary search), so 64 dimensions cost no more memory than the data.
/// In high dimension nearly every bin is empty, so the estimate is zero almost everywhere (the curse of
/// dimensionality): <see cref="SparsityWarning"/> says so when the grid has more bins than samples.
/// </summary>
public sealed class HistogramDensity : IDensityEstimator
{
    private readonly ExclusiveUse _exclusive = new();
    private double[] _origin = [];
    private int[] _bins = [];      // occupied bins × features, sorted lexicographically
    private int[] _counts = [];
    private double _logScale;

    /// <summary>Configures the estimator.</summary>
    /// <param name="binWidth">The side h of every bin (&gt; 0), in the features' units.</param>
    public HistogramDensity(double binWidth)
    {
        Require.Positive(binWidth);
        BinWidth = binWidth;
    }

    /// <summary>The bin side h.</summary>
    public double BinWidth { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted { get; private set; }

    /// <summary>Number of bins holding at least one training row.</summary>
    public int OccupiedBinCount => _counts.Length;

    /// <summary>Number of bins of the grid spanning the training data's range (may be astronomically large).</summary>
    public double GridBinCount { get; private set; }

    /// <summary>
    /// Null when the histogram is reasonably filled; otherwise a sentence saying how sparse it is and what
    /// to do (the runtime never writes to the console; show it where you like).
    /// </summary>
    public string? SparsityWarning { get; private set; }

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int d = featureCount;
        var origin = new double[d];
        var maximum = new double[d];
        origin.AsSpan().Fill(double.PositiveInfinity);
        maximum.AsSpan().Fill(double.NegativeInfinity);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++)
            {
                origin[j] = Math.Min(origin[j], samples[r * d + j]);
                maximum[j] = Math.Max(maximum[j], samples[r * d + j]);
            }
        double logGrid = 0;
        for (int j = 0; j < d; j++)
        {
            double perFeature = Math.Floor((maximum[j] - origin[j]) / BinWidth) + 1;
            if (perFeature > int.MaxValue)
                throw new ArgumentOutOfRangeException("binWidth", BinWidth, $"binWidth is so small that feature {j} would need {perFeature:G3} bins; use a wider bin.");
            logGrid += Math.Log(perFeature);
        }

        var keys = new int[rows * d];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < d; j++) keys[r * d + j] = (int)Math.Floor((samples[r * d + j] - origin[j]) / BinWidth);
        int[] order = Enumerable.Range(0, rows).ToArray();
        Array.Sort(order, (a, b) => Compare(keys.AsSpan(a * d, d), keys.AsSpan(b * d, d)));
        var bins = new List<int>();
        var counts = new List<int>();
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<int> key = keys.AsSpan(order[i] * d, d);
            if (i > 0 && Compare(key, keys.AsSpan(order[i - 1] * d, d)) == 0)
            {
                counts[^1]++;
                continue;
            }
            foreach (int k in key) bins.Add(k);
            counts.Add(1);
        }

        _origin = origin;
        _bins = bins.ToArray();
        _counts = counts.ToArray();
        _logScale = -Math.Log(rows) - d * Math.Log(BinWidth);
        GridBinCount = Math.Exp(logGrid);
        SparsityWarning = logGrid > Math.Log(rows)
            ? $"The histogram's grid has {GridBinCount:G3} bins of width {BinWidth} for {rows} samples in {d} dimensions " +
              $"({_counts.Length} occupied): the estimate is zero almost everywhere. Widen the bins, reduce the dimension " +
              "(e.g. with PCA) or use a kernel density."
            : null;
        FeatureCount = d;
        IsFitted = true;
    }

    /// <summary>The training count of the bin holding <paramref name="sample"/> (0 outside every occupied bin).</summary>
    public int BinCount(ReadOnlySpan<float> sample)
    {
        Require.Fitted(IsFitted, nameof(HistogramDensity));
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        return Lookup(sample, ScratchBuffer.Ints(FeatureCount));
    }

    /// <inheritdoc/>
    public void ScoreSamples(ReadOnlySpan<float> samples, Span<double> logDensities)
    {
        Require.Fitted(IsFitted, nameof(HistogramDensity));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<double>(logDensities, rows, nameof(logDensities), "one per row");
        Span<int> key = ScratchBuffer.Ints(FeatureCount);
        for (int r = 0; r < rows; r++)
        {
            int count = Lookup(samples.Slice(r * FeatureCount, FeatureCount), key);
            logDensities[r] = count == 0 ? double.NegativeInfinity : Math.Log(count) + _logScale;
        }
    }

    private int Lookup(ReadOnlySpan<float> sample, Span<int> key)
    {
        int d = FeatureCount;
        for (int j = 0; j < d; j++)
        {
            double index = Math.Floor((sample[j] - _origin[j]) / BinWidth);
            if (index < 0 || index > int.MaxValue) return 0;
            key[j] = (int)index;
        }
        int low = 0, high = _counts.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            int c = Compare(_bins.AsSpan(middle * d, d), key);
            if (c == 0) return _counts[middle];
            if (c < 0) low = middle + 1;
            else high = middle - 1;
        }
        return 0;
    }

    private static int Compare(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceCompareTo(b);
}
