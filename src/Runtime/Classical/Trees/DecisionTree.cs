
namespace Specialized.Classical;

/// <summary>
/// A CART classification tree: binary splits <c>x_f ≤ threshold</c> chosen to minimize the weighted
/// Gini impurity or entropy of the children, thresholds at the midpoint between consecutive distinct
/// sorted values (as scikit-learn), growth limited by depth, minimum samples and minimum impurity
/// decrease, then optional minimal cost-complexity pruning. Leaves hold class posteriors.
/// Features are sorted once per fit; prediction walks a flattened node array and allocates nothing.
/// </summary>
/// <example><code>var tree = new DecisionTree(maxDepth: 3); tree.Fit(x, 64, y); int c = tree.Predict(row);</code></example>
public sealed class DecisionTree : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private readonly int? _maxFeatures;
    private FlatTree? _tree;
    private double[] _importances = Unfitted.Doubles;

    /// <summary>Creates an unfitted tree (scikit-learn's DecisionTreeClassifier options).</summary>
    /// <param name="criterion">Impurity to minimize ("criterion").</param>
    /// <param name="maxDepth">Deepest level a leaf may sit at, at least 1; null grows until leaves are pure ("max_depth").</param>
    /// <param name="minSamplesSplit">Fewest samples a node needs to be split, at least 2 ("min_samples_split").</param>
    /// <param name="minSamplesLeaf">Fewest samples each child must keep, at least 1 ("min_samples_leaf").</param>
    /// <param name="minImpurityDecrease">A split must lower the weighted impurity by at least this ("min_impurity_decrease").</param>
    /// <param name="maxFeatures">Features drawn at random per split, in [1, features]; null uses all ("max_features").</param>
    /// <param name="costComplexityAlpha">Prune the weakest links whose cost-complexity is at most this; 0 keeps the full tree ("ccp_alpha").</param>
    /// <param name="seed">Seeds the order in which features are tried (it breaks ties between equally good splits).</param>
    public DecisionTree(
        SplitCriterion criterion = SplitCriterion.Gini,
        int? maxDepth = null,
        int minSamplesSplit = 2,
        int minSamplesLeaf = 1,
        double minImpurityDecrease = 0,
        int? maxFeatures = null,
        double costComplexityAlpha = 0,
        int seed = 0)
    {
        if (maxDepth is int depth) Require.InRange(depth, 1, int.MaxValue, nameof(maxDepth));
        Require.InRange(minSamplesSplit, 2, int.MaxValue);
        Require.InRange(minSamplesLeaf, 1, int.MaxValue);
        Require.NonNegative(minImpurityDecrease);
        if (maxFeatures is int features) Require.InRange(features, 1, int.MaxValue, nameof(maxFeatures));
        Require.NonNegative(costComplexityAlpha);
        Criterion = criterion;
        MaxDepth = maxDepth;
        MinSamplesSplit = minSamplesSplit;
        MinSamplesLeaf = minSamplesLeaf;
        MinImpurityDecrease = minImpurityDecrease;
        _maxFeatures = maxFeatures;
        CostComplexityAlpha = costComplexityAlpha;
        Seed = seed;
    }

    /// <summary>The impurity minimized.</summary>
    public SplitCriterion Criterion { get; }

    /// <summary>Depth limit, or null for none.</summary>
    public int? MaxDepth { get; }

    /// <summary>Fewest samples a node needs to be split.</summary>
    public int MinSamplesSplit { get; }

    /// <summary>Fewest samples per leaf.</summary>
    public int MinSamplesLeaf { get; }

    /// <summary>Smallest weighted impurity decrease a split must achieve.</summary>
    public double MinImpurityDecrease { get; }

    /// <summary>The cost-complexity pruning parameter α.</summary>
    public double CostComplexityAlpha { get; }

    /// <summary>Seed of the feature order.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _tree is not null;

    /// <summary>Nodes of the fitted (pruned) tree, splits and leaves.</summary>
    public int NodeCount => Fitted.NodeCount;

    /// <summary>Leaves of the fitted (pruned) tree.</summary>
    public int LeafCount => Fitted.LeafCount;

    /// <summary>Longest root-to-leaf path of the fitted tree (0 for a single leaf).</summary>
    public int Depth => Fitted.Depth;

    /// <summary>Mean decrease in impurity per feature, normalized to sum to 1 (all 0 when the tree has no split).</summary>
    public IReadOnlyList<double> FeatureImportances => IsFitted ? _importances : throw NotFitted();

    private FlatTree Fitted => _tree ?? throw NotFitted();

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        int maxFeatures = CheckMaxFeatures(_maxFeatures, featureCount);
        var data = new PresortedSamples(samples, featureCount, labels, classes);
        var builder = new TreeBuilder(data, Settings(Criterion, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinImpurityDecrease, maxFeatures));
        var weights = new double[rows];
        weights.AsSpan().Fill(1);
        var random = TreeRandom.ForStream(Seed, 0);
        GrownTree grown = builder.Build(weights, ref random);
        bool[] collapsed = grown.Prune(CostComplexityAlpha);
        var importances = new double[featureCount];
        grown.FeatureImportances(collapsed, importances);
        _tree = grown.Compile(collapsed);
        _importances = importances;
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        ClassifierArguments.Sample(IsFitted, nameof(DecisionTree), sample, FeatureCount);
        return _tree!.LeafClass(_tree.LeafOf(sample));
    }

    /// <inheritdoc/>
    // Not AggressiveOptimization: that kept the loop out of a ReadyToRun image, so every first batch paid a
    // fully optimizing compile (1–4 ms, 3–10 µs per row over the digits test set). The per-row walk is its own
    // frame (LeafOf), so the 359-row loop stays under the on-stack-replacement threshold and tiering promotes both
    // in the background. (The earlier "4x slower steady state without it" was measured at load 40–75, where the
    // background tier-1 compile had not run yet.)
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(DecisionTree), samples, FeatureCount, labels, 1, nameof(labels));
        FlatTree tree = _tree!;
        for (int r = 0; r < rows; r++) labels[r] = tree.LeafClass(tree.LeafOf(samples.Slice(r * FeatureCount, FeatureCount)));
    }

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(DecisionTree), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        FlatTree tree = _tree!;
        for (int r = 0; r < rows; r++)
            tree.Posterior(tree.LeafOf(samples.Slice(r * FeatureCount, FeatureCount))).CopyTo(probabilities.Slice(r * ClassCount, ClassCount));
    }

    internal static TreeSettings Settings(SplitCriterion criterion, int? maxDepth, int minSamplesSplit, int minSamplesLeaf, double minImpurityDecrease, int maxFeatures) =>
        new(criterion, maxDepth ?? int.MaxValue, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxFeatures);

    internal static int CheckMaxFeatures(int? maxFeatures, int featureCount)
    {
        if (maxFeatures is not int value) return featureCount;
        if (value > featureCount)
            throw new ArgumentOutOfRangeException(nameof(maxFeatures), value, $"maxFeatures is {value} but the samples have {featureCount} features; it must be between 1 and {featureCount}.");
        return value;
    }

    private static InvalidOperationException NotFitted() =>
        new($"This {nameof(DecisionTree)} has not been fitted yet; call Fit before reading its results.");
}
