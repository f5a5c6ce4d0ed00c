using System.Runtime.CompilerServices;

namespace Specialized.Classical;

/// <summary>
/// A random forest (Breiman): every tree is grown to purity (by default) on a bootstrap sample,
/// choosing each split among K features drawn at random (default √features). The forest predicts
/// by averaging the trees' leaf posteriors (scikit-learn's rule) or, optionally, by majority vote.
/// After fitting it reports the out-of-bag accuracy (each sample scored only by the trees that did
/// not see it) and mean-decrease-in-impurity feature importances.
/// Trees train in parallel; tree t draws its bootstrap and features from a generator derived from
/// (seed, t), so the forest is the same for a seed whatever the number of threads — or machines:
/// <see cref="FitTrees"/> grows a range of the trees and <see cref="Assemble"/> joins ranges into this forest.
/// </summary>
/// <example><code>var forest = new RandomForest(treeCount: 100, seed: 0); forest.Fit(x, 64, y); double oob = forest.OutOfBagScore;</code></example>
public sealed class RandomForest : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    // Rows per block of tree-major prediction, and the stack buffer (floats) behind Predict's scores.
    private const int PredictionBlockRows = 256;
    private const int BlockFloats = 4096;

    private readonly int? _maxFeatures;
    private FlatTree[]? _trees;
    private double[] _importances = [];

    /// <summary>Creates an unfitted forest (scikit-learn's RandomForestClassifier options).</summary>
    /// <param name="treeCount">Number of trees, at least 1 ("n_estimators").</param>
    /// <param name="criterion">Impurity each tree minimizes.</param>
    /// <param name="maxDepth">Depth limit of each tree, at least 1; null grows to purity.</param>
    /// <param name="minSamplesSplit">Fewest samples a node needs to be split, at least 2.</param>
    /// <param name="minSamplesLeaf">Fewest samples per leaf, at least 1.</param>
    /// <param name="maxFeatures">Features drawn per split, in [1, features]; null uses ⌊√features⌋ ("sqrt").</param>
    /// <param name="bootstrap">Train each tree on a bootstrap sample (true) or on all samples.</param>
    /// <param name="majorityVote">Predict by majority vote of the trees instead of averaging their posteriors.</param>
    /// <param name="seed">Seed of the bootstraps and feature draws.</param>
    /// <param name="maxThreads">Most threads to train with, at least 1; null uses every core.</param>
    public RandomForest(
        int treeCount = 100,
        SplitCriterion criterion = SplitCriterion.Gini,
        int? maxDepth = null,
        int minSamplesSplit = 2,
        int minSamplesLeaf = 1,
        int? maxFeatures = null,
        bool bootstrap = true,
        bool majorityVote = false,
        int seed = 0,
        int? maxThreads = null)
    {
        Require.InRange(treeCount, 1, int.MaxValue);
        if (maxDepth is int depth) Require.InRange(depth, 1, int.MaxValue, nameof(maxDepth));
        Require.InRange(minSamplesSplit, 2, int.MaxValue);
        Require.InRange(minSamplesLeaf, 1, int.MaxValue);
        if (maxFeatures is int features) Require.InRange(features, 1, int.MaxValue, nameof(maxFeatures));
        if (maxThreads is int threads) Require.InRange(threads, 1, int.MaxValue, nameof(maxThreads));
        TreeCount = treeCount;
        Criterion = criterion;
        MaxDepth = maxDepth;
        MinSamplesSplit = minSamplesSplit;
        MinSamplesLeaf = minSamplesLeaf;
        _maxFeatures = maxFeatures;
        Bootstrap = bootstrap;
        MajorityVote = majorityVote;
        Seed = seed;
        MaxThreads = maxThreads ?? Environment.ProcessorCount;
    }

    /// <summary>Number of trees.</summary>
    public int TreeCount { get; }

    /// <summary>Impurity each tree minimizes.</summary>
    public SplitCriterion Criterion { get; }

    /// <summary>Depth limit of each tree, or null.</summary>
    public int? MaxDepth { get; }

    /// <summary>Fewest samples a node needs to be split.</summary>
    public int MinSamplesSplit { get; }

    /// <summary>Fewest samples per leaf.</summary>
    public int MinSamplesLeaf { get; }

    /// <summary>Whether each tree sees a bootstrap sample.</summary>
    public bool Bootstrap { get; }

    /// <summary>Whether prediction is a majority vote rather than posterior averaging.</summary>
    public bool MajorityVote { get; }

    /// <summary>Seed of the forest.</summary>
    public int Seed { get; }

    /// <summary>Most threads used by <see cref="Fit"/>.</summary>
    public int MaxThreads { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _trees is not null;

    /// <summary>
    /// Accuracy on the training samples when each is classified by the averaged posteriors of the
    /// trees whose bootstrap left it out (samples no tree left out are skipped); NaN without bootstrap.
    /// </summary>
    public double OutOfBagScore { get; private set; } = double.NaN;

    /// <summary>Mean decrease in impurity per feature, averaged over trees and normalized to sum to 1.</summary>
    public IReadOnlyList<double> FeatureImportances => IsFitted ? _importances : throw NotFitted();

    /// <summary>Total nodes over all trees (a size measure).</summary>
    public int NodeCount => (_trees ?? throw NotFitted()).Sum(t => t.NodeCount);

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        Install([Grow(samples, featureCount, labels, 0, TreeCount)]);
    }

    /// <summary>
    /// Grows only trees <paramref name="firstTree"/> … <paramref name="firstTree"/> + <paramref name="count"/> − 1 of
    /// this forest, each exactly as <see cref="Fit"/> grows it (tree t draws from its own stream of the seed), so parts
    /// grown anywhere — other processes, other machines — and joined by <see cref="Assemble"/> make the forest
    /// <see cref="Fit"/> would. The forest itself is not changed.
    /// </summary>
    /// <param name="samples">Training samples, row-major (rows × <paramref name="featureCount"/>); the same for every part.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="labels">Class of each sample, in [0, classes).</param>
    /// <param name="firstTree">Index of the first tree to grow, in [0, <see cref="TreeCount"/>).</param>
    /// <param name="count">Trees to grow, in [1, <see cref="TreeCount"/> − <paramref name="firstTree"/>].</param>
    /// <returns>The trees with what assembling needs (importances, out-of-bag leaves); see <see cref="RandomForestPart.ToBytes"/>.</returns>
    public RandomForestPart FitTrees(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels, int firstTree, int count)
    {
        Require.InRange(firstTree, 0, TreeCount - 1);
        Require.InRange(count, 1, TreeCount - firstTree);
        return Grow(samples, featureCount, labels, firstTree, count);
    }

    /// <summary>
    /// Makes this forest the one whose trees <paramref name="parts"/> hold (from <see cref="FitTrees"/>, perhaps read back
    /// with <see cref="RandomForestPart.FromBytes"/>): predictions, probabilities, feature importances and out-of-bag
    /// score equal those of <see cref="Fit"/> on the same data bit for bit, because every sum runs in tree order as there.
    /// </summary>
    /// <param name="parts">Parts in any order that together cover trees 0 … <see cref="TreeCount"/> − 1 once each.</param>
    /// <exception cref="ArgumentException">
    /// A part was grown with other forest settings or on other data than the rest, or the parts overlap or leave trees
    /// out; the message names the part and the problem.
    /// </exception>
    public void Assemble(IEnumerable<RandomForestPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        using var _ = _exclusive.Enter(this, nameof(Assemble));
        RandomForestPart[] ordered = [.. parts.OrderBy(p => p?.FirstTree ?? -1)];
        if (ordered.Length == 0) throw new ArgumentException($"parts is empty; expected parts covering trees 0-{TreeCount - 1}.", nameof(parts));
        if (ordered[0] is null) throw new ArgumentException("parts holds a null part.", nameof(parts));
        RandomForestPart first = ordered[0];
        string expected = Settings(first.FeatureCount);
        int next = 0;
        foreach (RandomForestPart part in ordered)
        {
            if (part.Settings != expected)
                throw new ArgumentException($"part {part.Describe()} was grown by a forest with {part.Settings}; this forest has {expected}.", nameof(parts));
            if (part.FeatureCount != first.FeatureCount || part.ClassCount != first.ClassCount || part.SampleCount != first.SampleCount || part.DataFingerprint != first.DataFingerprint)
                throw new ArgumentException($"part {part.Describe()} was grown on other data than part {first.Describe()} ({part.DataDescription} against {first.DataDescription}).", nameof(parts));
            if (part.FirstTree < next)
                throw new ArgumentException($"part {part.Describe()} overlaps the trees before it (trees up to {next - 1} are already covered).", nameof(parts));
            if (part.FirstTree > next)
                throw new ArgumentException($"trees {next}-{part.FirstTree - 1} are missing: no part covers them.", nameof(parts));
            next = part.FirstTree + part.TreeCount;
        }
        if (next != TreeCount) throw new ArgumentException($"trees {next}-{TreeCount - 1} are missing: no part covers them.", nameof(parts));
        Install(ordered);
    }

    /// <summary>Features drawn per split as given to the constructor; null means ⌊√features⌋.</summary>
    public int? MaxFeatures => _maxFeatures;

    // The settings that decide what a tree grows into, with features per split resolved: parts must agree on them.
    private string Settings(int featureCount)
    {
        int maxFeatures = _maxFeatures is null ? Math.Max(1, (int)Math.Sqrt(featureCount)) : DecisionTree.CheckMaxFeatures(_maxFeatures, featureCount);
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"trees={TreeCount} criterion={Criterion} max_depth={(MaxDepth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")} min_samples_split={MinSamplesSplit} min_samples_leaf={MinSamplesLeaf} max_features={maxFeatures} bootstrap={Bootstrap} seed={Seed}");
    }

    private RandomForestPart Grow(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels, int firstTree, int count)
    {
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        string settings = Settings(featureCount);
        int maxFeatures = _maxFeatures is null ? Math.Max(1, (int)Math.Sqrt(featureCount)) : DecisionTree.CheckMaxFeatures(_maxFeatures, featureCount);
        var data = new PresortedSamples(samples, featureCount, labels, classes);
        TreeSettings treeSettings = DecisionTree.Settings(Criterion, MaxDepth, MinSamplesSplit, MinSamplesLeaf, 0, maxFeatures);

        var trees = new FlatTree[count];
        var importances = new double[count * featureCount];
        // For each tree, the leaf each out-of-bag row falls into (−1 for rows in its bag): enough to score out of bag
        // when the parts are assembled, without the samples.
        int[] outOfBagLeaves = Bootstrap ? new int[count * rows] : [];
        float[] samplesCopy = samples.ToArray();
        // Each tree draws from its own stream (seed, tree index) and writes only its own slots, so the
        // forest is identical for any thread count. One thread runs inline (no thread-pool start-up).
        (TreeBuilder Builder, double[] Weights) GrowOne(int t, (TreeBuilder Builder, double[] Weights) local)
        {
            var random = TreeRandom.ForStream(Seed, firstTree + t);
            double[] weights = local.Weights;
            if (Bootstrap)
            {
                Array.Clear(weights);
                for (int i = 0; i < rows; i++) weights[random.Next(rows)]++;
            }
            else
            {
                weights.AsSpan().Fill(1);
            }
            GrownTree grown = local.Builder.Build(weights, ref random);
            grown.FeatureImportances(default, importances.AsSpan(t * featureCount, featureCount));
            FlatTree tree = grown.Compile();
            trees[t] = tree;
            if (Bootstrap)
            {
                for (int i = 0; i < rows; i++)
                    outOfBagLeaves[t * rows + i] = weights[i] > 0 ? -1 : tree.LeafOf(samplesCopy.AsSpan(i * featureCount, featureCount));
            }
            return local;
        }
        if (MaxThreads == 1)
        {
            var local = (new TreeBuilder(data, treeSettings), new double[rows]);
            for (int t = 0; t < count; t++) GrowOne(t, local);
        }
        else
        {
            Parallel.For(
                0,
                count,
                new ParallelOptions { MaxDegreeOfParallelism = MaxThreads },
                () => (Builder: new TreeBuilder(data, treeSettings), Weights: new double[rows]),
                (t, _, local) => GrowOne(t, local),
                _ => { });
        }
        return new RandomForestPart(settings, firstTree, featureCount, classes, labels.ToArray(), RandomForestPart.Fingerprint(samples, featureCount, labels), trees, importances, outOfBagLeaves);
    }

    // Takes the trees of parts ordered by first tree and covering the forest once (checked by the callers).
    private void Install(RandomForestPart[] parts)
    {
        RandomForestPart first = parts[0];
        int featureCount = first.FeatureCount;
        FlatTree[] trees = [.. parts.SelectMany(p => p.Trees)];
        double[] importances = [.. parts.SelectMany(p => p.Importances)];
        _importances = AverageImportances(importances, featureCount);
        OutOfBagScore = Bootstrap ? OutOfBag(trees, parts, first.Labels, first.ClassCount) : double.NaN;
        _trees = trees;
        FeatureCount = featureCount;
        ClassCount = first.ClassCount;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        ClassifierArguments.Sample(IsFitted, nameof(RandomForest), sample, FeatureCount);
        Span<float> scores = ClassCount <= BlockFloats ? stackalloc float[ClassCount] : new float[ClassCount];
        Score(sample, scores);
        return ClassifierArguments.ArgMax(scores);
    }

    /// <inheritdoc/>
    // Kept fully optimized: without it the tiered JIT's steady-state code for this per-row loop measured
    // 4x slower (tree predict 0.087 vs 0.025 µs/row), which outweighs the precompiled first call it forgoes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(RandomForest), samples, FeatureCount, labels, 1, nameof(labels));
        Span<float> scores = ClassCount <= BlockFloats ? stackalloc float[BlockFloats] : new float[ClassCount];
        int block = scores.Length / ClassCount;
        for (int start = 0; start < rows; start += block)
        {
            int count = Math.Min(block, rows - start);
            Span<float> blockScores = scores[..(count * ClassCount)];
            ScoreBlock(samples.Slice(start * FeatureCount, count * FeatureCount), blockScores);
            for (int r = 0; r < count; r++) labels[start + r] = ClassifierArguments.ArgMax(blockScores.Slice(r * ClassCount, ClassCount));
        }
    }

    /// <inheritdoc/>
    /// <remarks>With <see cref="MajorityVote"/> these are the fractions of trees voting for each class.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Predict
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(RandomForest), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        float scale = 1f / _trees!.Length;
        for (int start = 0; start < rows; start += PredictionBlockRows)
        {
            int count = Math.Min(PredictionBlockRows, rows - start);
            ScoreBlock(samples.Slice(start * FeatureCount, count * FeatureCount), probabilities.Slice(start * ClassCount, count * ClassCount));
        }
        foreach (ref float p in probabilities) p *= scale;
    }

    // Sums the trees' posteriors (or votes) for one sample into scores.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Predict
    private void Score(ReadOnlySpan<float> sample, Span<float> scores)
    {
        scores.Clear();
        FlatTree[] trees = _trees!;
        if (MajorityVote)
        {
            foreach (FlatTree tree in trees) scores[tree.LeafClass(tree.LeafOf(sample))] += 1;
        }
        else
        {
            foreach (FlatTree tree in trees) tree.AddPosterior(sample, scores);
        }
    }

    // Tree-major over a block of rows: a forest is too big for the cache (about 1 MB on digits), so
    // walking every tree for one row misses on almost every node; walking one tree for a block of
    // rows keeps that tree's few kilobytes hot.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see Predict
    private void ScoreBlock(ReadOnlySpan<float> samples, Span<float> scores)
    {
        scores.Clear();
        int rows = samples.Length / FeatureCount, classes = ClassCount;
        foreach (FlatTree tree in _trees!)
        {
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<float> sample = samples.Slice(r * FeatureCount, FeatureCount);
                if (MajorityVote) scores[r * classes + tree.LeafClass(tree.LeafOf(sample))] += 1;
                else tree.AddPosterior(sample, scores.Slice(r * classes, classes));
            }
        }
    }

    private static double[] AverageImportances(double[] perTree, int featureCount)
    {
        var mean = new double[featureCount];
        for (int i = 0; i < perTree.Length; i++) mean[i % featureCount] += perTree[i];
        double sum = mean.Sum();
        if (sum > 0) for (int f = 0; f < featureCount; f++) mean[f] /= sum;
        return mean;
    }

    // Trees are visited in index order so the sums, and the score, do not depend on scheduling or on how the
    // trees were split into parts.
    private double OutOfBag(FlatTree[] trees, RandomForestPart[] parts, int[] labels, int classes)
    {
        int rows = labels.Length;
        var sums = new float[rows * classes];
        var scored = new bool[rows];
        int t = 0;
        foreach (RandomForestPart part in parts)
        {
            for (int local = 0; local < part.TreeCount; local++, t++)
            {
                FlatTree tree = trees[t];
                ReadOnlySpan<int> leaves = part.OutOfBagLeaves.AsSpan(local * rows, rows);
                for (int i = 0; i < rows; i++)
                {
                    int leaf = leaves[i];
                    if (leaf < 0) continue;
                    scored[i] = true;
                    Span<float> sum = sums.AsSpan(i * classes, classes);
                    if (MajorityVote)
                    {
                        sum[tree.LeafClass(leaf)] += 1;
                    }
                    else
                    {
                        ReadOnlySpan<float> posterior = tree.Posterior(leaf);
                        for (int k = 0; k < classes; k++) sum[k] += posterior[k];
                    }
                }
            }
        }
        int correct = 0, count = 0;
        for (int i = 0; i < rows; i++)
        {
            if (!scored[i]) continue;
            count++;
            if (ClassifierArguments.ArgMax(sums.AsSpan(i * classes, classes)) == labels[i]) correct++;
        }
        return count == 0 ? double.NaN : (double)correct / count;
    }

    private static InvalidOperationException NotFitted() =>
        new($"This {nameof(RandomForest)} has not been fitted yet; call Fit before reading its results.");
}
