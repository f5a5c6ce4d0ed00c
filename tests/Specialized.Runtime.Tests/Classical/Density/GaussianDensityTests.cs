using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class GaussianDensityTests
{
    [Fact]
    public void One_dimensional_MLE_is_the_mean_and_the_divisor_n_variance()
    {
        // {1, 2, 3, 6}: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, MLE variance 14/4 = 3.5.
        var gaussian = new GaussianDensity();
        gaussian.Fit([1, 2, 3, 6], 1);
        Assert.Equal(3.0, gaussian.Mean[0], 12);
        Assert.Equal(3.5, gaussian.Covariance[0], 12);
        double expected = -0.5 * Math.Log(2 * Math.PI * 3.5) - 0.5 * (5 - 3) * (5 - 3) / 3.5;
        Assert.Equal(expected, gaussian.LogDensity([5f]), 12);
    }

    [Fact]
    public void Multivariate_log_density_matches_the_closed_form()
    {
        // Rows chosen so the MLE covariance is [[2, 1], [1, 2]] around mean (0, 0).
        float[] samples = [1, 1, -1, -1, 1, 1, -1, -1, 1, -1, -1, 1, 2, 2, -2, -2];
        var gaussian = new GaussianDensity();
        gaussian.Fit(samples, 2);
        double a = gaussian.Covariance[0], b = gaussian.Covariance[1], c = gaussian.Covariance[3];
        double det = a * c - b * b;
        double x = 0.5, y = -1.5;
        double quadratic = (c * x * x - 2 * b * x * y + a * y * y) / det;
        double expected = -Math.Log(2 * Math.PI) - 0.5 * Math.Log(det) - 0.5 * quadratic;
        Assert.Equal(expected, gaussian.LogDensity([0.5f, -1.5f]), 10);
        Assert.Equal(Math.Log(det), gaussian.LogDeterminant, 10);
    }

    [Fact]
    public void Diagonal_fit_ignores_correlation()
    {
        var gaussian = new GaussianDensity(CovarianceKind.Diagonal);
        gaussian.Fit([0, 0, 2, 2], 2);
        Assert.Equal(1.0, gaussian.Covariance[0], 12);
        Assert.Equal(0.0, gaussian.Covariance[1]);
        var scores = new double[1];
        gaussian.ScoreSamples([1f, 1f], scores);
        Assert.Equal(-Math.Log(2 * Math.PI), scores[0], 12);
    }

    [Fact]
    public void Singular_covariance_without_regularization_throws_naming_samples_and_leaves_it_unfitted()
    {
        var gaussian = new GaussianDensity();
        var error = Assert.Throws<ArgumentException>(() => gaussian.Fit([1, 5, 2, 5, 3, 5], 2));
        Assert.Equal("samples", error.ParamName);
        Assert.Contains("regularization", error.Message);
        Assert.False(gaussian.IsFitted);
        var regularized = new GaussianDensity(regularization: 1e-6);
        regularized.Fit([1, 5, 2, 5, 3, 5], 2);
        Assert.True(double.IsFinite(regularized.LogDensity([2f, 5f])));
    }

    [Fact]
    public void Empty_samples_throw_naming_samples()
    {
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => new GaussianDensity().Fit([], 2)).ParamName);
    }

    [Fact]
    public void Samples_that_are_not_whole_rows_throw_naming_samples()
    {
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => new GaussianDensity().Fit([1, 2, 3], 2)).ParamName);
    }

    [Fact]
    public void Infinite_value_throws_naming_samples()
    {
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => new GaussianDensity().Fit([1, float.PositiveInfinity], 1)).ParamName);
    }

    [Fact]
    public void Negative_regularization_throws_naming_it()
    {
        Assert.Equal("regularization", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianDensity(regularization: -1)).ParamName);
    }
}
