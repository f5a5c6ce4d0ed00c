using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class GaussianMixtureTests
{
    public static TheoryData<string, CovarianceKind, string> SmallSets()
    {
        var cases = new TheoryData<string, CovarianceKind, string>();
        foreach (string set in new[] { "iris", "wine", "breast_cancer" })
        {
            cases.Add(set, CovarianceKind.Full, "gmm_full");
            cases.Add(set, CovarianceKind.Diagonal, "gmm_diag");
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(SmallSets))]
    public void Mean_log_likelihood_with_five_restarts_is_within_one_percent_of_scikit_learn(string set, CovarianceKind covariance, string key)
    {
        var (train, test, d) = ReferenceData.Standardized(set);
        var gmm = new GaussianMixture(ReferenceData.Raw(set).Train.ClassCount, covariance, regularization: 1e-3, restarts: 5, seed: 0);
        gmm.Fit(train, d);
        var reference = ReferenceData.Value(set, key);
        // The tolerance: 1% of the mean log-likelihood (our k-means seeds differ from scikit-learn's).
        AssertWithinOnePercent(reference[0].GetDouble(), gmm.Score(train));
        AssertWithinOnePercent(reference[1].GetDouble(), gmm.Score(test));
    }

    [Fact]
    public void Raw_digits_single_restart_log_likelihoods_are_within_one_percent_of_the_reference_table()
    {
        // REFERENCE.md: GaussianMixture(10, full, max_iter 100, reg_covar 1e-3, random_state 0): −59.1 train, −77.8 test.
        var (train, test) = ReferenceData.Raw("digits");
        var gmm = new GaussianMixture(10, CovarianceKind.Full, regularization: 1e-3, maxIterations: 100, seed: 0);
        gmm.Fit(train.Features, train.FeatureCount);
        AssertWithinOnePercent(-59.1, gmm.Score(train.Features));
        AssertWithinOnePercent(-77.8, gmm.Score(test.Features));
    }

    [Fact]
    public void Standardized_digits_full_mixture_is_at_least_as_likely_as_scikit_learns_within_one_percent()
    {
        // EM only finds a local optimum that depends on the k-means seeding; with our seeds the best of five
        // restarts reaches a higher training likelihood than scikit-learn's (9.24 against 8.995), which is not
        // a disagreement about the algorithm. So: not below scikit-learn by more than 1% on train, and within
        // 1% on the held-out rows.
        var (train, test, d) = ReferenceData.Standardized("digits");
        var gmm = new GaussianMixture(10, CovarianceKind.Full, regularization: 1e-3, restarts: 5, seed: 0);
        gmm.Fit(train, d);
        var reference = ReferenceData.Value("digits", "gmm_full");
        double expectedTrain = reference[0].GetDouble();
        Assert.True(gmm.Score(train) >= expectedTrain - 0.01 * Math.Abs(expectedTrain), $"train {gmm.Score(train)} vs {expectedTrain}");
        AssertWithinOnePercent(reference[1].GetDouble(), gmm.Score(test));
    }

    private static void AssertWithinOnePercent(double expected, double actual) =>
        Assert.InRange(actual, expected - 0.01 * Math.Abs(expected), expected + 0.01 * Math.Abs(expected));

    [Fact]
    public void Two_separated_one_dimensional_groups_are_recovered()
    {
        float[] samples = [-5.5f, -5, -4.5f, -5, 4.5f, 5, 5.5f, 5];
        var gmm = new GaussianMixture(2, regularization: 1e-6, seed: 3);
        gmm.Fit(samples, 1);
        Assert.Equal([-5.0, 5.0], gmm.Means.Order().Select(m => Math.Round(m, 9)).ToArray());
        Assert.All(gmm.Weights, w => Assert.Equal(0.5, w, 9));
        // Each group's MLE variance: (0.25 + 0 + 0.25 + 0) / 4 = 0.125, plus 1e-6.
        Assert.All(gmm.Covariances, v => Assert.Equal(0.125001, v, 6));
        var responsibilities = new float[4];
        gmm.PredictProbabilities([-5f, 5f], responsibilities);
        Assert.Equal(1f, responsibilities[0] + responsibilities[1], 6);
        Assert.True(Math.Max(responsibilities[0], responsibilities[1]) > 0.999f);
    }

    [Fact]
    public void Log_likelihood_history_never_decreases_and_ends_at_the_lower_bound()
    {
        var (train, _, d) = ReferenceData.Standardized("wine");
        var gmm = new GaussianMixture(3, CovarianceKind.Full, tolerance: 1e-6, regularization: 1e-3, seed: 0);
        gmm.Fit(train, d);
        var history = gmm.LogLikelihoodHistory;
        for (int i = 1; i < history.Count; i++) Assert.True(history[i] >= history[i - 1] - 1e-9, $"step {i}: {history[i - 1]} → {history[i]}");
        Assert.Equal(history[^1], gmm.LowerBound);
        Assert.Equal(history.Count, gmm.Iterations);
        Assert.True(gmm.Converged);
    }

    [Fact]
    public void Score_samples_agree_with_a_direct_mixture_of_Gaussian_densities()
    {
        var (train, test, d) = ReferenceData.Standardized("iris");
        var gmm = new GaussianMixture(2, CovarianceKind.Full, regularization: 1e-3, seed: 0);
        gmm.Fit(train, d);
        var expected = 0.0;
        for (int c = 0; c < 2; c++)
        {
            double logDensity = LogNormal(test.AsSpan(0, d), gmm.Means.Skip(c * d).Take(d).ToArray(), gmm.Covariances.Skip(c * d * d).Take(d * d).ToArray());
            expected += gmm.Weights[c] * Math.Exp(logDensity);
        }
        var scores = new double[1];
        gmm.ScoreSamples(test.AsSpan(0, d), scores);
        Assert.Equal(Math.Log(expected), scores[0], 9);
    }

    private static double LogNormal(ReadOnlySpan<float> x, double[] mean, double[] covariance)
    {
        int d = mean.Length;
        var factor = (double[])covariance.Clone();
        Assert.True(Specialized.LinearAlgebra.Cholesky.TryFactor(factor, d));
        var diff = new double[d];
        for (int j = 0; j < d; j++) diff[j] = x[j] - mean[j];
        Specialized.LinearAlgebra.Cholesky.SolveLower(factor, d, diff);
        double squared = diff.Sum(v => v * v);
        return -0.5 * (d * Math.Log(2 * Math.PI) + Specialized.LinearAlgebra.Cholesky.LogDeterminant(factor, d) + squared);
    }

    [Fact]
    public void Collapsed_component_without_regularization_throws_naming_samples()
    {
        // Each group is one repeated point: its component's variance is exactly 0 when nothing is added to the diagonal.
        float[] samples = [0, 0, 0, 10, 10, 10];
        var error = Assert.Throws<ArgumentException>(() => new GaussianMixture(2, regularization: 0).Fit(samples, 1));
        Assert.Equal("samples", error.ParamName);
        Assert.Contains("regularization", error.Message);
    }

    [Fact]
    public void More_components_than_rows_throws_naming_componentCount()
    {
        var error = Assert.Throws<ArgumentException>(() => new GaussianMixture(3).Fit([1, 2], 1));
        Assert.Contains("componentCount", error.Message);
    }

    [Fact]
    public void Shared_covariance_is_refused_naming_covariance()
    {
        Assert.Equal("covariance", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, CovarianceKind.Shared)).ParamName);
    }
}
