using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Linear;

public class SoftmaxRegressionTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("breast_cancer")]
    [InlineData("digits")]
    public void Standardized_C1_accuracy_matches_sklearn_within_one_point(string set)
    {
        var (train, test) = Load(set);
        var (x, xTest) = Standardize(train, test);
        var model = new SoftmaxRegression(c: 1);
        model.Fit(x, train.FeatureCount, train.Labels);
        double reference = Number(set, "logreg_C1_accuracy");
        Assert.True(model.Converged);
        // Same strictly convex objective, both minimized: 1 pp as the issue asks.
        Assert.InRange(Accuracy(model, xTest, test.Labels), reference - 0.01, reference + 0.01);
    }

    [Fact]
    public void Raw_digits_capped_at_1000_iterations_matches_the_reference_within_one_point()
    {
        // REFERENCE.md: sklearn lbfgs, C = 1, raw pixels, stops at max_iter 1000 with 95.26%.
        var (train, test) = Load("digits");
        var model = new SoftmaxRegression(c: 1, maxIterations: 1000);
        model.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.InRange(Accuracy(model, test.Features, test.Labels), 0.9526 - 0.01, 0.9526 + 0.01);
    }

    [Fact]
    public void Gradient_vanishes_at_the_optimum()
    {
        // ∂/∂W: W = C·Σ_i (onehot_i − p_i) x_iᵀ at the minimum, checked on iris.
        var (train, _) = Load("iris");
        var model = new SoftmaxRegression(c: 0.5, tolerance: 1e-9);
        model.Fit(train.Features, 4, train.Labels);
        var p = new float[train.Count * 3];
        model.PredictProbabilities(train.Features, p);
        for (int k = 0; k < 3; k++)
        {
            for (int f = 0; f < 4; f++)
            {
                double sum = 0;
                for (int i = 0; i < train.Count; i++) sum += ((train.Labels[i] == k ? 1 : 0) - p[i * 3 + k]) * train.Features[i * 4 + f];
                // p is float: residual error ~1e-7 per row × 120 rows × features up to 8.
                Assert.Equal(model.Coefficients[k * 4 + f], 0.5 * sum, 3);
            }
        }
    }
}
