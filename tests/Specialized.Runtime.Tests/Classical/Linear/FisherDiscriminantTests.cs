using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Linear;

public class FisherDiscriminantTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("breast_cancer")]
    [InlineData("digits")]
    public void Accuracy_matches_sklearn_lda(string set)
    {
        var (train, test) = Load(set);
        var model = new FisherDiscriminant();
        model.Fit(train.Features, train.FeatureCount, train.Labels);
        double reference = Number(set, "lda_accuracy");
        // Same decision rule as sklearn's LDA (shared covariance, priors, all K − 1 directions). Breast
        // cancer differs by one of 113 test rows (0.9 pp): a point within 1e-3 of the boundary moved by
        // float rounding of 30 raw features spanning 5 orders of magnitude. So: 1 pp or one test sample.
        double tolerance = Math.Max(0.01, 1.0 / test.Count) + 1e-9;
        Assert.InRange(Accuracy(model, test.Features, test.Labels), reference - tolerance, reference + tolerance);
        Assert.Equal(Math.Min(train.ClassCount - 1, train.FeatureCount), model.ComponentCount);
    }

    [Fact]
    public void Two_class_direction_is_within_scatter_inverse_times_mean_difference()
    {
        // Within-class covariance diag(4, 1) (per class, pooled), means (0, 0) and (2, 2):
        // w ∝ S_W⁻¹(m₁ − m₀) = (0.5, 2), normalized to (0.243, 0.970).
        float[] x = [-2, 1, 2, -1, -2, -1, 2, 1, 0, 3, 4, 1, 0, 1, 4, 3];
        int[] y = [0, 0, 0, 0, 1, 1, 1, 1];
        var model = new FisherDiscriminant(regularization: 0);
        model.Fit(x, 2, y);
        double w0 = model.Directions[0], w1 = model.Directions[1];
        Assert.Equal(0.25, w0 / w1, 9);
        Assert.True(w1 > 0); // oriented toward class 1
        Assert.Equal(0, model.Predict([0f, 0f]));
        Assert.Equal(1, model.Predict([2f, 2f]));
    }

    [Fact]
    public void Projection_whitens_the_within_class_scatter()
    {
        var (train, _) = Load("wine");
        var model = new FisherDiscriminant();
        model.Fit(train.Features, train.FeatureCount, train.Labels);
        // Project in double from Directions: wine's raw features reach 1,680, so float projections lose digits.
        var z = new double[train.Count * 2];
        for (int i = 0; i < train.Count; i++)
            for (int j = 0; j < 2; j++)
                for (int f = 0; f < 13; f++) z[i * 2 + j] += model.Directions[j * 13 + f] * train.Features[i * 13 + f];
        // Pooled within-class covariance of the projection = I (directions scaled that way); 1e-4 for the 1e-6 diagonal loading.
        var means = new double[3 * 2];
        var counts = new int[3];
        for (int i = 0; i < train.Count; i++) { counts[train.Labels[i]]++; for (int j = 0; j < 2; j++) means[train.Labels[i] * 2 + j] += z[i * 2 + j]; }
        for (int k = 0; k < 3; k++) for (int j = 0; j < 2; j++) means[k * 2 + j] /= counts[k];
        var covariance = new double[4];
        for (int i = 0; i < train.Count; i++)
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                    covariance[a * 2 + b] += (z[i * 2 + a] - means[train.Labels[i] * 2 + a]) * (z[i * 2 + b] - means[train.Labels[i] * 2 + b]) / (train.Count - 3);
        Assert.Equal(1, covariance[0], 4);
        Assert.Equal(0, covariance[1], 4);
        Assert.Equal(1, covariance[3], 4);
        Assert.True(model.DiscriminantRatios[0] >= model.DiscriminantRatios[1]);
    }
}

/// <summary>Issue 16, item 7: data Fisher cannot separate is refused with a clear error, as LDA refuses it.</summary>
public class FisherDiscriminantRefusalTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(0.1f)]
    [InlineData(-3.7f)]
    public void All_constant_features_are_refused_naming_the_missing_within_class_variation(float value)
    {
        float[] x = Enumerable.Repeat(value, 6 * 3).ToArray();
        int[] y = [0, 0, 0, 1, 1, 1];
        var model = new FisherDiscriminant();
        var e = Assert.Throws<ArgumentException>(() => model.Fit(x, 3, y));
        Assert.Equal("samples", e.ParamName);
        Assert.Contains("no within-class variation", e.Message);
        Assert.False(model.IsFitted);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Identical_rows_with_different_labels_are_refused(int classes)
    {
        // Every row is (1.5, −2, 0.3); labels cycle through the classes.
        float[] x = Enumerable.Range(0, 9).SelectMany(_ => new[] { 1.5f, -2f, 0.3f }).ToArray();
        int[] y = Enumerable.Range(0, 9).Select(i => i % classes).ToArray();
        var model = new FisherDiscriminant();
        var e = Assert.Throws<ArgumentException>(() => model.Fit(x, 3, y));
        Assert.Contains("cannot separate", e.Message);
        Assert.False(model.IsFitted);
    }

    [Fact]
    public void Classes_with_the_same_mean_are_refused()
    {
        // Both classes vary but share the mean (0, 0): no direction separates them.
        float[] x = [-1, 0, 1, 0, 0, -1, 0, 1, -2, 0, 2, 0, 0, -2, 0, 2];
        int[] y = [0, 0, 0, 0, 1, 1, 1, 1];
        var e = Assert.Throws<ArgumentException>(() => new FisherDiscriminant().Fit(x, 2, y));
        Assert.Contains("same mean", e.Message);
    }
}
