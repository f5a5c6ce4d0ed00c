using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Ensembles;

public class RandomForestTests
{
    [Fact]
    public void Hundred_tree_forest_on_digits_matches_sklearn_within_one_point()
    {
        var (train, test) = Load("digits");
        var reference = Value("digits", "random_forest100_accuracy");
        var forest = new RandomForest(treeCount: 100, seed: 0);
        forest.Fit(train.Features, train.FeatureCount, train.Labels);
        // Different bootstraps from sklearn's (other generator), same algorithm: 1 pp as the issue asks.
        Assert.InRange(Accuracy(forest, test.Features, test.Labels), reference[0].GetDouble() - 0.01, reference[0].GetDouble() + 0.01);
        // The out-of-bag score estimates the error from 1,438 training rows (binomial standard error
        // 0.45 pp) and other bootstraps move it by another ~0.5 pp: 1.5 pp.
        Assert.InRange(forest.OutOfBagScore, reference[1].GetDouble() - 0.015, reference[1].GetDouble() + 0.015);
    }

    [Theory]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("breast_cancer")]
    public void Hundred_tree_forest_on_small_sets_brackets_sklearn_over_seeds(string set)
    {
        // On 30–113 test rows one sample is 0.9–3.3 pp and forests of different seeds spread over
        // several samples, so sklearn's figure must lie within our seeds 0–4's range ± one test
        // sample, and the mean out-of-bag score within 2 pp of sklearn's.
        var (train, test) = Load(set);
        var reference = Value(set, "random_forest100_accuracy");
        var results = Enumerable.Range(0, 5).Select(seed =>
        {
            var forest = new RandomForest(treeCount: 100, seed: seed);
            forest.Fit(train.Features, train.FeatureCount, train.Labels);
            return (Accuracy: Accuracy(forest, test.Features, test.Labels), Oob: forest.OutOfBagScore);
        }).ToArray();
        double oneSample = 1.0 / test.Count + 1e-9;
        Assert.InRange(reference[0].GetDouble(), results.Min(r => r.Accuracy) - oneSample, results.Max(r => r.Accuracy) + oneSample);
        Assert.InRange(results.Average(r => r.Oob), reference[1].GetDouble() - 0.02, reference[1].GetDouble() + 0.02);
    }

    [Fact]
    public void Out_of_bag_error_is_close_to_held_out_error()
    {
        var (train, test) = Load("digits");
        var forest = new RandomForest(treeCount: 100, seed: 3);
        forest.Fit(train.Features, train.FeatureCount, train.Labels);
        // Both estimate the same error from ~360 and ~1,400 samples: a binomial standard error of ~0.8 pp, so 3 pp.
        Assert.InRange(forest.OutOfBagScore - Accuracy(forest, test.Features, test.Labels), -0.03, 0.03);
    }

    [Fact]
    public void One_and_two_threads_grow_identical_forests()
    {
        var (train, test) = Load("wine");
        var single = new RandomForest(treeCount: 40, seed: 7, maxThreads: 1);
        var dual = new RandomForest(treeCount: 40, seed: 7, maxThreads: 2);
        single.Fit(train.Features, train.FeatureCount, train.Labels);
        dual.Fit(train.Features, train.FeatureCount, train.Labels);
        var a = new float[test.Count * 3];
        var b = new float[test.Count * 3];
        single.PredictProbabilities(test.Features, a);
        dual.PredictProbabilities(test.Features, b);
        Assert.Equal(a, b);
        Assert.Equal(single.OutOfBagScore, dual.OutOfBagScore);
        Assert.Equal(single.FeatureImportances, dual.FeatureImportances);
        Assert.Equal(single.NodeCount, dual.NodeCount);
    }

    [Fact]
    public void Different_seeds_grow_different_forests()
    {
        var (train, _) = Load("wine");
        var a = new RandomForest(treeCount: 10, seed: 1);
        var b = new RandomForest(treeCount: 10, seed: 2);
        a.Fit(train.Features, train.FeatureCount, train.Labels);
        b.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.NotEqual(a.FeatureImportances, b.FeatureImportances);
    }

    [Fact]
    public void Majority_vote_posteriors_are_vote_fractions()
    {
        var (train, test) = Load("iris");
        var forest = new RandomForest(treeCount: 25, majorityVote: true, seed: 0);
        forest.Fit(train.Features, train.FeatureCount, train.Labels);
        var p = new float[test.Count * 3];
        forest.PredictProbabilities(test.Features, p);
        foreach (float value in p) Assert.Equal(0, value * 25 - MathF.Round(value * 25), 3); // multiples of 1/25
        Assert.True(Accuracy(forest, test.Features, test.Labels) >= 0.85);
    }

    [Fact]
    public void Feature_importances_are_normalized_and_zero_for_constant_pixels()
    {
        var (train, _) = Load("digits");
        var forest = new RandomForest(treeCount: 20, seed: 0);
        forest.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.Equal(1.0, forest.FeatureImportances.Sum(), 9);
        Assert.Equal(0.0, forest.FeatureImportances[0]);
        Assert.True(forest.FeatureImportances.Max() > 1.0 / 64); // some pixels matter more than average
    }

    [Fact]
    public void Predicting_allocates_nothing()
    {
        var (train, test) = Load("digits");
        var forest = new RandomForest(treeCount: 10, seed: 0);
        forest.Fit(train.Features, train.FeatureCount, train.Labels);
        var labels = new int[test.Count];
        var probabilities = new float[test.Count * 10];
        forest.Predict(test.Features, labels);
        forest.PredictProbabilities(test.Features, probabilities);
        forest.Predict(test.Row(0));
        long before = GC.GetAllocatedBytesForCurrentThread();
        forest.Predict(test.Features, labels);
        forest.PredictProbabilities(test.Features, probabilities);
        int one = forest.Predict(test.Row(0));
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(labels[0], one);
    }
}
