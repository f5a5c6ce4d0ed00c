using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Trees;

public class DecisionTreeTests
{
    [Fact]
    public void Depth_three_gini_tree_on_digits_matches_sklearn_within_one_point()
    {
        var (train, test) = Load("digits");
        var tree = new DecisionTree(SplitCriterion.Gini, maxDepth: 3);
        tree.Fit(train.Features, train.FeatureCount, train.Labels);
        double reference = Number("digits", "dtree_gini_max_depth3_accuracy");
        // Same rule and midpoint thresholds as sklearn; 1 pp as the issue asks.
        Assert.InRange(Accuracy(tree, test.Features, test.Labels), reference - 0.01, reference + 0.01);
        Assert.Equal(3, tree.Depth);
    }

    [Theory]
    [InlineData("iris", SplitCriterion.Gini, null, "dtree_gini_accuracy")]
    [InlineData("wine", SplitCriterion.Gini, null, "dtree_gini_accuracy")]
    [InlineData("breast_cancer", SplitCriterion.Gini, null, "dtree_gini_accuracy")]
    [InlineData("digits", SplitCriterion.Gini, null, "dtree_gini_accuracy")]
    [InlineData("iris", SplitCriterion.Entropy, null, "dtree_entropy_accuracy")]
    [InlineData("wine", SplitCriterion.Entropy, null, "dtree_entropy_accuracy")]
    [InlineData("breast_cancer", SplitCriterion.Entropy, null, "dtree_entropy_accuracy")]
    [InlineData("digits", SplitCriterion.Entropy, null, "dtree_entropy_accuracy")]
    [InlineData("iris", SplitCriterion.Gini, 3, "dtree_gini_max_depth3_accuracy")]
    [InlineData("wine", SplitCriterion.Gini, 3, "dtree_gini_max_depth3_accuracy")]
    [InlineData("breast_cancer", SplitCriterion.Gini, 3, "dtree_gini_max_depth3_accuracy")]
    public void Tree_accuracy_brackets_sklearn_over_seeds(string set, SplitCriterion criterion, int? maxDepth, string key)
    {
        // A tree breaks ties between equally good splits by its random feature order, and sklearn's
        // numpy stream cannot be reproduced; on 30–113 test rows one tie moves accuracy by 1–3 pp.
        // So sklearn's figure must lie within the range our seeds 0–19 produce, widened by two test
        // samples (0.6 pp on digits).
        var (train, test) = Load(set);
        var accuracies = Enumerable.Range(0, 20).Select(seed =>
        {
            var tree = new DecisionTree(criterion, maxDepth, seed: seed);
            tree.Fit(train.Features, train.FeatureCount, train.Labels);
            return Accuracy(tree, test.Features, test.Labels);
        }).ToArray();
        double twoSamples = 2.0 / test.Count + 1e-9;
        Assert.InRange(Number(set, key), accuracies.Min() - twoSamples, accuracies.Max() + twoSamples);
    }

    [Fact]
    public void Stump_on_a_one_dimensional_set_splits_at_the_midpoint_of_the_gap()
    {
        float[] x = [1, 2, 3, 10, 11, 12];
        int[] y = [0, 0, 0, 1, 1, 1];
        var stump = new DecisionTree(maxDepth: 1);
        stump.Fit(x, 1, y);
        Assert.Equal(3, stump.NodeCount);
        Assert.Equal(0, stump.Predict([6.5f])); // threshold (3 + 10) / 2 = 6.5, and x ≤ threshold goes left
        Assert.Equal(1, stump.Predict([6.51f]));
        var probabilities = new float[4];
        stump.PredictProbabilities([0f, 100f], probabilities);
        Assert.Equal([1f, 0f, 0f, 1f], probabilities);
    }

    [Fact]
    public void Leaf_posteriors_are_class_fractions_of_the_leaf()
    {
        // Depth 1 on x ∈ {0, 0, 0, 1, 1, 1, 1} with labels 0,0,1 | 1,1,1,0: leaves hold 2/3 and 3/4.
        float[] x = [0, 0, 0, 1, 1, 1, 1];
        int[] y = [0, 0, 1, 1, 1, 1, 0];
        var tree = new DecisionTree(maxDepth: 1);
        tree.Fit(x, 1, y);
        var p = new float[4];
        tree.PredictProbabilities([0f, 1f], p);
        Assert.Equal(2f / 3, p[0], 6);
        Assert.Equal(3f / 4, p[3], 6);
    }

    [Fact]
    public void Pruning_shrinks_the_tree_monotonically_as_alpha_grows()
    {
        var (train, test) = Load("breast_cancer");
        int previousLeaves = int.MaxValue;
        foreach (double alpha in new[] { 0, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 1 })
        {
            var tree = new DecisionTree(costComplexityAlpha: alpha);
            tree.Fit(train.Features, train.FeatureCount, train.Labels);
            Assert.True(tree.LeafCount <= previousLeaves, $"alpha {alpha}: {tree.LeafCount} leaves after {previousLeaves}");
            previousLeaves = tree.LeafCount;
        }
        Assert.Equal(1, previousLeaves); // α = 1 exceeds any impurity decrease: only the root is left
    }

    [Fact]
    public void Stopping_rules_limit_the_tree()
    {
        var (train, _) = Load("digits");
        var full = new DecisionTree();
        full.Fit(train.Features, train.FeatureCount, train.Labels);
        var leafy = new DecisionTree(minSamplesLeaf: 20);
        leafy.Fit(train.Features, train.FeatureCount, train.Labels);
        var split = new DecisionTree(minSamplesSplit: 100);
        split.Fit(train.Features, train.FeatureCount, train.Labels);
        var decrease = new DecisionTree(minImpurityDecrease: 0.01);
        decrease.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.True(leafy.LeafCount <= train.Count / 20, $"{leafy.LeafCount} leaves of ≥ 20 samples from {train.Count}");
        Assert.True(split.LeafCount < full.LeafCount);
        Assert.True(decrease.LeafCount < full.LeafCount);
    }

    [Fact]
    public void Feature_importances_sum_to_one_and_ignore_constant_pixels()
    {
        var (train, _) = Load("digits");
        var tree = new DecisionTree();
        tree.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.Equal(1.0, tree.FeatureImportances.Sum(), 9);
        Assert.Equal(0.0, tree.FeatureImportances[0]); // pixel_0_0 is 0 in every digit
    }

    [Fact]
    public void Predicting_allocates_nothing()
    {
        var (train, test) = Load("digits");
        var tree = new DecisionTree();
        tree.Fit(train.Features, train.FeatureCount, train.Labels);
        var labels = new int[test.Count];
        var probabilities = new float[test.Count * 10];
        tree.Predict(test.Features, labels);
        tree.PredictProbabilities(test.Features, probabilities);
        tree.Predict(test.Row(0)); // first calls JIT-compile; measure the second round
        long before = GC.GetAllocatedBytesForCurrentThread();
        tree.Predict(test.Features, labels);
        tree.PredictProbabilities(test.Features, probabilities);
        int one = tree.Predict(test.Row(0));
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(labels[0], one);
    }
}

/// <summary>
/// Issue 16: between equally good splits the seeded feature order chooses, for entropy as for Gini
/// (docs/classical.md, "the first of equally good splits wins").
/// </summary>
public class DecisionTreeTieTests
{
    // 20 rows, two features, labels 0 (rows 0–9) and 1 (rows 10–19). Each feature's best split leaves
    // 8 of one class and 2 of the other on each side; feature 0 has class 0 below, feature 1 class 1
    // (a mirrored tie), and the minority rows sit at different ranks, so running sums over the two
    // sorted orders add the same counts in different orders (chosen so that the old running sums of
    // x ln x end 7e-15 apart and feature 1 won for every seed).
    private static readonly float[] Samples =
    [
        0, 19, 1, 18, 3, 17, 4, 16, 6, 14, 7, 13, 8, 11, 9, 10, 13, 5, 17, 4,
        2, 15, 5, 12, 10, 9, 11, 8, 12, 7, 14, 6, 15, 3, 16, 2, 18, 1, 19, 0,
    ];
    private static readonly int[] Labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    [Theory]
    [InlineData(SplitCriterion.Entropy)]
    [InlineData(SplitCriterion.Gini)]
    public void An_exact_tie_between_two_features_is_broken_by_the_seed_not_by_rounding(SplitCriterion criterion)
    {
        var chosen = new int[2];
        for (int seed = 0; seed < 40; seed++)
        {
            var stump = new DecisionTree(criterion, maxDepth: 1, seed: seed);
            stump.Fit(Samples, 2, Labels);
            chosen[stump.FeatureImportances[0] > 0 ? 0 : 1]++;
        }
        // The seed shuffles which feature is tried first; both must win for some seeds (a fair split
        // of 40 is about 20/20; 5 is far outside what a seeded coin flip gives, and far from 0).
        Assert.True(chosen[0] >= 5 && chosen[1] >= 5, $"feature 0 chosen {chosen[0]} times, feature 1 {chosen[1]} times");
    }
}
