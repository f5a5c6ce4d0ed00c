using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Ensembles;

public class AdaBoostTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("breast_cancer")]
    [InlineData("digits")]
    public void Fifty_samme_stumps_match_sklearn_accuracy_within_one_point(string set)
    {
        var (train, test) = Load(set);
        var model = new AdaBoost(rounds: 50);
        model.Fit(train.Features, train.FeatureCount, train.Labels);
        double reference = Number(set, "adaboost_samme_stumps50_accuracy");
        // Same stumps (weighted Gini), same SAMME weights and updates: 1 pp as the issue asks.
        Assert.InRange(Accuracy(model, test.Features, test.Labels), reference - 0.01, reference + 0.01);
    }

    [Fact]
    public void Two_hundred_stumps_on_digits_match_the_reference_within_one_point()
    {
        var (train, test) = Load("digits");
        var model = new AdaBoost(rounds: 200);
        model.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.InRange(Accuracy(model, test.Features, test.Labels), 0.8552 - 0.01, 0.8552 + 0.01); // REFERENCE.md, SAMME
    }

    [Fact]
    public void First_round_follows_the_course_formulas_on_a_one_dimensional_set()
    {
        // x = 1..10, class 1 for x > 5 except x = 3 which is labelled 1: the best stump (x ≤ 5.5)
        // misses one of ten equally weighted samples, so ε₁ = 0.1 and α₁ = ln(0.9 / 0.1) = ln 9.
        // Reweighting multiplies the missed sample by 9: it then holds 9/18 = half of the weight,
        // so the second stump must get it right and ε₂ is its error on the rest.
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        int[] y = [0, 0, 1, 0, 0, 1, 1, 1, 1, 1];
        var model = new AdaBoost(rounds: 2);
        model.Fit(x, 1, y);
        Assert.Equal(0.1, model.StumpErrors[0], 12);
        Assert.Equal(Math.Log(9), model.StumpWeights[0], 12);
        // Round 2 on weights (1,1,9,1,1,1,1,1,1,1)/18: the stump x ≤ 2.5 misses x = 4, 5 → ε₂ = 2/18.
        Assert.Equal(2.0 / 18, model.StumpErrors[1], 12);
        Assert.Equal(0, model.Predict([3f])); // stump 1 (α = ln 9 ≈ 2.20) outvotes stump 2 (α = ln 8 ≈ 2.08)
    }

    [Fact]
    public void A_perfect_stump_stops_boosting()
    {
        float[] x = [1, 2, 3, 10, 11, 12];
        int[] y = [0, 0, 0, 1, 1, 1];
        var model = new AdaBoost(rounds: 50);
        model.Fit(x, 1, y);
        Assert.Single(model.StumpWeights);
        Assert.Equal(0, model.StumpErrors[0]);
    }

    [Fact]
    public void Probabilities_rows_sum_to_one_and_agree_with_predictions()
    {
        var (train, test) = Load("iris");
        var model = new AdaBoost(rounds: 20);
        model.Fit(train.Features, 4, train.Labels);
        var p = new float[test.Count * 3];
        model.PredictProbabilities(test.Features, p);
        var labels = new int[test.Count];
        model.Predict(test.Features, labels);
        for (int r = 0; r < test.Count; r++)
        {
            Assert.Equal(1f, p[r * 3] + p[r * 3 + 1] + p[r * 3 + 2], 5);
            Assert.Equal(labels[r], Array.IndexOf(p, p.Skip(r * 3).Take(3).Max(), r * 3) - r * 3);
        }
    }
}
