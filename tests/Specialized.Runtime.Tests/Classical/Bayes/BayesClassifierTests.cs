using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class BayesClassifierTests
{
    [Fact]
    public void A_loss_matrix_flips_the_decision_away_from_the_likeliest_class()
    {
        // P = (0.7, 0.3). 0-1 loss picks class 0. Missing a true 1 costs 10: deciding 0 risks 0.3·10 = 3,
        // deciding 1 risks 0.7·1 = 0.7, so the minimum expected loss decision is 1.
        double[] posteriors = [0.7, 0.3];
        double[,] loss = { { 0, 10 }, { 1, 0 } };
        Assert.Equal(0, BayesDecision.Decide(posteriors));
        Assert.Equal(1, BayesDecision.Decide(posteriors, loss));
        Assert.Equal(3.0, BayesDecision.ExpectedLoss(posteriors, loss, 0), 12);
        Assert.Equal(0.7, BayesDecision.ExpectedLoss(posteriors, loss, 1), 12);
    }

    [Fact]
    public void Reject_option_refuses_when_the_largest_posterior_is_below_the_threshold()
    {
        Assert.Equal(BayesDecision.Reject, BayesDecision.Decide([0.55, 0.45], rejectThreshold: 0.6));
        Assert.Equal(0, BayesDecision.Decide([0.65, 0.35], rejectThreshold: 0.6));
    }

    [Fact]
    public void Hand_checked_one_dimensional_classes_give_the_Bayes_boundary()
    {
        // Class 0 ~ N(0, 1) from {-1, 1}; class 1 ~ N(4, 1) from {3, 5}; equal priors: boundary at 2.
        float[] samples = [-1, 1, 3, 5];
        int[] labels = [0, 0, 1, 1];
        var bayes = new BayesClassifier(() => new GaussianDensity());
        bayes.Fit(samples, 1, labels);
        Assert.Equal(0, bayes.Predict([1.9f]));
        Assert.Equal(1, bayes.Predict([2.1f]));
        Span<double> posteriors = stackalloc double[2];
        bayes.Posteriors([2f], posteriors);
        Assert.Equal(0.5, posteriors[0], 12);

        // Deciding 0 on a true 1 now costs 5: the boundary moves left to where P(1|x) = 1/6,
        // i.e. 4x − 8 = −ln 5 → x ≈ 1.598.
        var cautious = new BayesClassifier(() => new GaussianDensity(), loss: new double[,] { { 0, 5 }, { 1, 0 } });
        cautious.Fit(samples, 1, labels);
        Assert.Equal(0, cautious.Predict([1.55f]));
        Assert.Equal(1, cautious.Predict([1.65f]));
    }

    [Fact]
    public void Reject_report_on_digits_with_kernel_densities_trades_rejections_for_accuracy()
    {
        var (train, test) = ReferenceData.Raw("digits");
        var open = new BayesClassifier(() => new GaussianDensity(CovarianceKind.Diagonal, regularization: 1));
        open.Fit(train.Features, train.FeatureCount, train.Labels);
        RejectReport all = open.Evaluate(test.Features, test.Labels);
        var strict = new BayesClassifier(() => new GaussianDensity(CovarianceKind.Diagonal, regularization: 1), rejectThreshold: 0.999);
        strict.Fit(train.Features, train.FeatureCount, train.Labels);
        RejectReport some = strict.Evaluate(test.Features, test.Labels);
        Assert.Equal(0, all.Rejected);
        Assert.True(some.Rejected > 0);
        Assert.True(some.ErrorOnAccepted < all.ErrorOnAccepted, $"{some.ErrorOnAccepted} vs {all.ErrorOnAccepted}");
        Assert.Equal((double)some.Rejected / test.Count, some.RejectionRate, 12);
    }

    [Fact]
    public void Loss_matrix_of_the_wrong_size_throws_naming_loss_before_fitting()
    {
        int created = 0;
        var bayes = new BayesClassifier(() => { created++; return new GaussianDensity(); }, loss: new double[,] { { 0, 1, 1 }, { 1, 0, 1 }, { 1, 1, 0 } });
        var error = Assert.Throws<ArgumentException>(() => bayes.Fit([0, 1, 5, 6], 1, [0, 0, 1, 1]));
        Assert.Equal("loss", error.ParamName);
        Assert.Contains("3 × 3", error.Message);
        Assert.Equal(0, created); // nothing fitted
        Assert.False(bayes.IsFitted);
        Assert.Throws<ArgumentException>(() => BayesDecision.Decide([0.5, 0.5], new double[,] { { 0 } }));
    }

    [Fact]
    public void Non_square_or_negative_loss_throws_naming_loss()
    {
        Assert.Equal("loss", Assert.Throws<ArgumentException>(() => new BayesClassifier(() => new GaussianDensity(), loss: new double[2, 3])).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentException>(() => new BayesClassifier(() => new GaussianDensity(), loss: new double[,] { { 0, -1 }, { 1, 0 } })).ParamName);
    }

    [Fact]
    public void Priors_that_do_not_sum_to_one_throw_naming_priors()
    {
        var error = Assert.Throws<ArgumentException>(() => new BayesClassifier(() => new GaussianDensity(), priors: [0.5, 0.6]));
        Assert.Equal("priors", error.ParamName);
    }

    [Fact]
    public void NaN_in_samples_throws_naming_samples()
    {
        var error = Assert.Throws<ArgumentException>(() => new BayesClassifier(() => new GaussianDensity()).Fit([0, float.NaN, 5, 6], 1, [0, 0, 1, 1]));
        Assert.Equal("samples", error.ParamName);
    }
}
