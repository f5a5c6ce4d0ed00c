namespace Specialized.Classical;

/// <summary>
/// K-means clustering by Lloyd's algorithm, following scikit-learn 1.2's <c>KMeans(algorithm="lloyd")</c>:
/// greedy k-means++ seeding (the first centre uniformly at random; each next one the best, by the
/// resulting inertia, of 2 + ⌊ln k⌋ candidates drawn with probability proportional to the squared distance
/// to the nearest chosen centre), then assign-and-average iterations until the labels stop changing or the
/// centres move less than <c>tolerance</c> × the mean feature variance (summed squared shift), or
/// <see cref="MaxIterations"/>. A cluster left empty is moved to the point farthest from its centre.
/// Several restarts keep the one of lowest inertia (the earliest on a tie). Computation is in double precision.
/// <para>
/// <c>maxThreads</c> spreads the work over threads: the restarts when there are several, otherwise each
/// iteration's assignment of rows to centres. Each restart draws from its own random stream (seeded in
/// order from <c>seed</c> before any runs), every row's nearest centre is computed by the same code
/// whichever thread runs it, and the centres are summed in row order afterwards, so the result is
/// bit-identical for every thread count. The default is one thread.
/// </para>
/// </summary>
/// <example><code>
/// var kmeans = new KMeans(clusterCount: 10, maxIterations: 300, tolerance: 1e-4, restarts: 10, seed: 0);
/// kmeans.Fit(samples, featureCount: 64);
/// kmeans.Predict(samples, clusters);   // kmeans.Inertia, kmeans.Iterations
/// </code></example>
public sealed class KMeans
{
    private readonly ExclusiveUse _exclusive = new();
    private double[] _centers = Unfitted.Doubles;
    private int[] _labels = Unfitted.Ints;

    /// <summary>Configures the clustering.</summary>
    /// <param name="clusterCount">k (scikit-learn's <c>n_clusters</c>), at least 1 and at most the number of rows.</param>
    /// <param name="maxIterations">Lloyd iterations per restart (<c>max_iter</c>).</param>
    /// <param name="tolerance">Convergence threshold relative to the mean feature variance (<c>tol</c>).</param>
    /// <param name="restarts">Independent seedings, the best kept (<c>n_init</c>).</param>
    /// <param name="seed">Seed of the random choices; equal seeds give equal results.</param>
    /// <param name="maxThreads">Most threads to fit with, at least 1 (the result does not depend on it).</param>
    public KMeans(int clusterCount = 8, int maxIterations = 300, double tolerance = 1e-4, int restarts = 10, int seed = 0, int maxThreads = 1)
    {
        Require.InRange(maxThreads, 1, int.MaxValue);
        MaxThreads = maxThreads;
        Require.InRange(clusterCount, 1, int.MaxValue);
        Require.InRange(maxIterations, 1, int.MaxValue);
        Require.NonNegative(tolerance);
        Require.InRange(restarts, 1, int.MaxValue);
        ClusterCount = clusterCount;
        MaxIterations = maxIterations;
        Tolerance = tolerance;
        Restarts = restarts;
        Seed = seed;
    }

    /// <summary>k.</summary>
    public int ClusterCount { get; }

    /// <summary>The iteration cap per restart.</summary>
    public int MaxIterations { get; }

    /// <summary>The relative convergence tolerance.</summary>
    public double Tolerance { get; }

    /// <summary>The number of restarts.</summary>
    public int Restarts { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Most threads a fit uses (over restarts, or over rows when there is one restart).</summary>
    public int MaxThreads { get; }

    /// <summary>Features per sample, fixed by <c>Fit</c>.</summary>
    public int FeatureCount { get; private set; }

    /// <summary>Whether <c>Fit</c> has completed.</summary>
    public bool IsFitted { get; private set; }

    /// <summary>The cluster centres, k × features row-major.</summary>
    public IReadOnlyList<double> Centers => Checked(_centers);

    /// <summary>The cluster of each training row (of the best restart).</summary>
    public IReadOnlyList<int> Labels => Checked(_labels);

    /// <summary>Sum of squared distances of the training rows to their centres (of the best restart).</summary>
    public double Inertia { get; private set; }

    /// <summary>Lloyd iterations run by the best restart.</summary>
    public int Iterations { get; private set; }

    /// <summary>
    /// Clusters that received at least one training row. Less than <see cref="ClusterCount"/> when the data
    /// has fewer distinct points than k: some centres then coincide and own no row (see <see cref="Warning"/>).
    /// </summary>
    public int DistinctClusterCount { get; private set; }

    /// <summary>
    /// Null after a normal fit; otherwise why the result is suspect, as the text of scikit-learn's
    /// <c>ConvergenceWarning</c>. Set when <see cref="DistinctClusterCount"/> &lt; <see cref="ClusterCount"/>
    /// (usually duplicate points: k is larger than the number of distinct rows). The fit itself succeeds,
    /// as in scikit-learn; check this when k comes from user input.
    /// </summary>
    public string? Warning { get; private set; }

    private T Checked<T>(T value)
    {
        Require.Fitted(IsFitted, nameof(KMeans));
        return value;
    }

    /// <summary>Clusters <paramref name="samples"/> (rows × <paramref name="featureCount"/>).</summary>
    /// <exception cref="ArgumentException">Malformed or non-finite samples, or fewer rows than <see cref="ClusterCount"/>.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        if (ClusterCount > rows)
            throw new ArgumentException($"samples have {rows} rows, fewer than clusterCount = {ClusterCount}; use a smaller clusterCount or more rows.", nameof(samples));
        int d = featureCount;
        var x = new double[rows * d];
        for (int i = 0; i < x.Length; i++) x[i] = samples[i];
        var fit = FitDoubles(x, rows, d, new Random(Seed));
        _centers = fit.Centers;
        _labels = fit.Labels;
        Inertia = fit.Inertia;
        Iterations = fit.Iterations;
        // scikit-learn counts the distinct labels of the best run and warns when some clusters are empty.
        DistinctClusterCount = CountDistinct(fit.Labels, ClusterCount);
        Warning = DistinctClusterCount < ClusterCount
            ? $"Number of distinct clusters ({DistinctClusterCount}) found smaller than clusterCount ({ClusterCount}). Possibly due to duplicate points in samples."
            : null;
        FeatureCount = d;
        IsFitted = true;
    }

    internal KMeansRun FitDoubles(double[] x, int rows, int d, Random random)
    {
        double threshold = Tolerance * MeanVariance(x, rows, d);
        if (Restarts == 1) return Lloyd(x, rows, d, KMeansPlusPlus(x, rows, d, random), threshold, MaxThreads);

        // One stream per restart, drawn in order before any run, so restarts can run on any thread.
        var seeds = new int[Restarts];
        for (int restart = 0; restart < Restarts; restart++) seeds[restart] = random.Next();
        var runs = new KMeansRun[Restarts];
        void Run(int restart) =>
            runs[restart] = Lloyd(x, rows, d, KMeansPlusPlus(x, rows, d, new Random(seeds[restart])), threshold, maxThreads: 1);
        if (MaxThreads == 1)
            for (int restart = 0; restart < Restarts; restart++) Run(restart);
        else
            Parallel.For(0, Restarts, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads }, Run);
        int best = 0;
        for (int restart = 1; restart < Restarts; restart++)
            if (runs[restart].Inertia < runs[best].Inertia) best = restart;
        return runs[best];
    }

    // A loop rather than LINQ's Distinct().Count(): each generic LINQ/HashSet method over int is one more method to
    // JIT-compile in a fresh process, since no precompiled code exists for those instantiations (docs/classical.md).
    private static int CountDistinct(int[] labels, int k)
    {
        var seen = new bool[k];
        int distinct = 0;
        foreach (int label in labels)
        {
            if (seen[label]) continue;
            seen[label] = true;
            distinct++;
        }
        return distinct;
    }

    private static double MeanVariance(double[] x, int rows, int d)
    {
        double total = 0;
        for (int j = 0; j < d; j++)
        {
            double mean = 0, squares = 0;
            for (int r = 0; r < rows; r++) mean += x[r * d + j];
            mean /= rows;
            for (int r = 0; r < rows; r++) squares += (x[r * d + j] - mean) * (x[r * d + j] - mean);
            total += squares / rows;
        }
        return total / d;
    }

    private double[] KMeansPlusPlus(double[] x, int rows, int d, Random random)
    {
        int k = ClusterCount, trials = 2 + FloorLog(k);
        var centers = new double[k * d];
        int first = random.Next(rows);
        x.AsSpan(first * d, d).CopyTo(centers);
        var closest = new double[rows];
        SquaredEuclidean.ToPoint(x, rows, x.AsSpan(first * d, d), closest);
        double potential = 0;
        for (int i = 0; i < rows; i++) potential += closest[i];

        var cumulative = new double[rows];
        var candidateClosest = new double[rows];
        var bestClosest = new double[rows];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < rows; i++) cumulative[i] = running += closest[i];
            int bestCandidate = -1;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double target = random.NextDouble() * potential;
                // First index whose cumulative sum reaches the target (numpy's searchsorted, side "left").
                int candidate = LowerBound(cumulative, target);
                if (candidate > rows - 1) candidate = rows - 1;
                double candidatePotential = 0;
                SquaredEuclidean.ToPoint(x, rows, x.AsSpan(candidate * d, d), candidateClosest);
                for (int i = 0; i < rows; i++)
                {
                    // A comparison, not Math.Min(double, double), whose ISA-dependent expansion makes the runtime
                    // reject this method's ReadyToRun code (docs/classical.md); distances are finite.
                    double distance = candidateClosest[i];
                    candidatePotential += candidateClosest[i] = distance < closest[i] ? distance : closest[i];
                }
                if (candidatePotential < bestPotential)
                {
                    bestPotential = candidatePotential;
                    bestCandidate = candidate;
                    candidateClosest.CopyTo(bestClosest, 0);
                }
            }
            x.AsSpan(bestCandidate * d, d).CopyTo(centers.AsSpan(c * d));
            bestClosest.CopyTo(closest, 0);
            potential = bestPotential;
        }
        return centers;
    }

    /// <summary>⌊ln k⌋ for k ≥ 1 without a double-to-int conversion: .NET 10 expands that conversion differently per
    /// instruction set, which makes the runtime reject the caller's ReadyToRun code (docs/classical.md). e^m is never an
    /// integer for m ≥ 1, so comparing it with the integer k is exact.</summary>
    private static int FloorLog(int k)
    {
        int m = 0;
        while (Math.Exp(m + 1) <= k) m++;
        return m;
    }

    /// <summary>The first index whose value is at least <paramref name="target"/> in the ascending <paramref name="sorted"/>
    /// (numpy's searchsorted, side "left"); <c>sorted.Length</c> when every value is smaller. Written out rather than
    /// <c>Array.BinarySearch&lt;double&gt;</c>, whose instantiation is JIT-compiled in a fresh process (five methods).</summary>
    private static int LowerBound(double[] sorted, double target)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            if (sorted[middle] < target) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private KMeansRun Lloyd(double[] x, int rows, int d, double[] centers, double threshold, int maxThreads)
    {
        int k = ClusterCount;
        var labels = new int[rows];
        var previous = new int[rows];
        for (int i = 0; i < rows; i++) previous[i] = -1; // loops, not Span.Fill / SequenceEqual: see CountDistinct
        var sums = new double[k * d];
        var counts = new int[k];
        var distances = new double[rows];
        bool strict = false;
        int iteration = 0;
        while (iteration < MaxIterations)
        {
            iteration++;
            Array.Clear(sums);
            Array.Clear(counts);
            // The assignment (k distances per row) may run on several threads; each row's result is the
            // same whichever thread computes it. The sums are then taken in row order on this thread.
            RowParallel.For(rows, maxThreads, (start, end) =>
                SquaredEuclidean.Assign(x.AsSpan(start * d), end - start, d, centers, k, labels.AsSpan(start), distances.AsSpan(start)));
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<double> row = x.AsSpan(i * d, d);
                int label = labels[i];
                counts[label]++;
                Span<double> sum = sums.AsSpan(label * d, d);
                for (int j = 0; j < d; j++) sum[j] += row[j];
            }
            RelocateEmptyClusters(x, d, labels, distances, sums, counts);
            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                Span<double> center = centers.AsSpan(c * d, d);
                ReadOnlySpan<double> sum = sums.AsSpan(c * d, d);
                for (int j = 0; j < d; j++)
                {
                    double updated = sum[j] / counts[c];
                    shift += (updated - center[j]) * (updated - center[j]);
                    center[j] = updated;
                }
            }
            if (SameLabels(labels, previous))
            {
                strict = true;
                break;
            }
            if (shift <= threshold) break;
            labels.CopyTo(previous, 0);
        }

        double inertia = 0;
        for (int i = 0; i < rows; i++)
        {
            if (!strict) labels[i] = SquaredEuclidean.Nearest(x.AsSpan(i * d, d), centers, k, out _);
            inertia += SquaredEuclidean.Distance(x.AsSpan(i * d, d), centers.AsSpan(labels[i] * d, d));
        }
        return new KMeansRun(centers, labels, inertia, iteration);
    }

    private static bool SameLabels(int[] labels, int[] previous)
    {
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] != previous[i]) return false;
        return true;
    }

    /// <summary>
    /// Gives each empty cluster the point farthest from its own centre (largest first), moving that point's
    /// contribution out of its old cluster, as scikit-learn does; labels themselves are settled next iteration.
    /// </summary>
    private static void RelocateEmptyClusters(double[] x, int d, int[] labels, double[] distances, double[] sums, int[] counts)
    {
        int empty = 0;
        foreach (int count in counts) if (count == 0) empty++;
        if (empty == 0) return;
        int[] farthest = Enumerable.Range(0, labels.Length).OrderByDescending(i => distances[i]).ThenBy(i => i).Take(empty).ToArray();
        int next = 0;
        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] != 0) continue;
            int point = farthest[next++];
            int old = labels[point];
            ReadOnlySpan<double> row = x.AsSpan(point * d, d);
            for (int j = 0; j < d; j++)
            {
                sums[old * d + j] -= row[j];
                sums[c * d + j] = row[j];
            }
            counts[old]--;
            counts[c] = 1;
        }
    }

    /// <summary>Writes the nearest centre of every row of <paramref name="samples"/> into <paramref name="clusters"/>.</summary>
    public void Predict(ReadOnlySpan<float> samples, Span<int> clusters)
    {
        Require.Fitted(IsFitted, nameof(KMeans));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<int>(clusters, rows, nameof(clusters), "one per row");
        Span<double> row = ScratchBuffer.Doubles(FeatureCount);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < FeatureCount; j++) row[j] = samples[r * FeatureCount + j];
            clusters[r] = SquaredEuclidean.Nearest(row, _centers, ClusterCount, out _);
        }
    }

    /// <summary>Sum of squared distances of <paramref name="samples"/> to their nearest centres (scikit-learn's −score).</summary>
    public double InertiaOf(ReadOnlySpan<float> samples)
    {
        Require.Fitted(IsFitted, nameof(KMeans));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Span<double> row = ScratchBuffer.Doubles(FeatureCount);
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < FeatureCount; j++) row[j] = samples[r * FeatureCount + j];
            SquaredEuclidean.Nearest(row, _centers, ClusterCount, out double distance);
            total += distance;
        }
        return total;
    }
}
