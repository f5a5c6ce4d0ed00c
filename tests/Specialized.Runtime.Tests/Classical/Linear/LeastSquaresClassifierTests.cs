using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Linear;

public class LeastSquaresClassifierTests
{
    [Fact]
    public void Outputs_sum_to_one_for_one_of_k_targets()
    {
        // With a bias column, least squares on 1-of-K targets gives outputs that sum to 1 for any x:
        // the bias row sums to 1 and every feature row to 0.
        var (train, _) = Load("iris");
        var model = new LeastSquaresClassifier();
        model.Fit(train.Features, 4, train.Labels);
        for (int f = 0; f <= 4; f++)
            Assert.Equal(f == 0 ? 1 : 0, model.Weights[f * 3] + model.Weights[f * 3 + 1] + model.Weights[f * 3 + 2], 9);
    }

    [Fact]
    public void Exact_fit_on_a_line_recovers_the_targets()
    {
        // Two classes along x: the least-squares line through (0,1),(1,1),(2,0),(3,0) for class 0.
        float[] x = [0, 1, 2, 3];
        int[] y = [0, 0, 1, 1];
        var model = new LeastSquaresClassifier();
        model.Fit(x, 1, y);
        Assert.Equal(1.1, model.Weights[0], 9);  // bias of class 0: mean 0.5 + 0.4·1.5
        Assert.Equal(-0.4, model.Weights[2], 9); // slope of class 0: Σ(x − x̄)(t − t̄) / Σ(x − x̄)² = −2/5
        Assert.Equal(0, model.Predict([1.2f]));
        Assert.Equal(1, model.Predict([1.8f]));
    }

    [Fact]
    public void Constant_features_need_ridge_and_then_digits_are_classified()
    {
        var (train, test) = Load("digits");
        var e = Assert.Throws<ArgumentException>(() => new LeastSquaresClassifier().Fit(train.Features, 64, train.Labels));
        Assert.Equal("samples", e.ParamName);
        var model = new LeastSquaresClassifier(ridge: 1);
        model.Fit(train.Features, 64, train.Labels);
        // No sklearn figure; a linear least-squares classifier reaches about 93% on digits.
        Assert.True(Accuracy(model, test.Features, test.Labels) > 0.90);
    }
}
