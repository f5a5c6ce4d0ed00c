using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Ensembles;

public class GentleBoostTests
{
    [Fact]
    public void One_round_is_the_weighted_least_squares_stump()
    {
        // Targets ±1 with equal weights: the best stump splits at 2.5 and outputs each side's mean
        // target: left (−1, −1) → −1, right (+1, +1, −1) → 1/3.
        float[] x = [1, 2, 3, 4, 5];
        int[] y = [0, 0, 1, 1, 0];
        var model = new GentleBoost(rounds: 1);
        model.Fit(x, 1, y);
        var p = new float[4];
        model.PredictProbabilities([1f, 4f], p);
        Assert.Equal(1 / (1 + Math.Exp(2.0)), p[1], 6);        // P(1 | x) = σ(2F), F = −1
        Assert.Equal(1 / (1 + Math.Exp(-2.0 / 3)), p[3], 6);   // F = 1/3
    }

    [Theory]
    [InlineData("breast_cancer", 0.93)]
    [InlineData("digits", 0.93)]
    public void Boosted_stumps_classify_well(string set, double floor)
    {
        // No sklearn reference (sklearn has no GentleBoost); floors are AdaBoost's SAMME figures or better.
        var (train, test) = Load(set);
        var model = new GentleBoost(rounds: 100);
        model.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.True(Accuracy(model, test.Features, test.Labels) >= floor);
        var p = new float[test.Count * train.ClassCount];
        model.PredictProbabilities(test.Features, p);
        for (int r = 0; r < test.Count; r++) Assert.Equal(1f, p.AsSpan(r * train.ClassCount, train.ClassCount).ToArray().Sum(), 5);
    }
}
