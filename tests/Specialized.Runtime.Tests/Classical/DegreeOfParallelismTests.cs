using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

/// <summary>
/// The maxThreads option of kNN, KDE and the GMM E step: rows are split into fixed blocks and each row
/// is computed by the same code whichever thread runs it (the GMM log-likelihood is summed in row order),
/// so results must be bit-identical for every thread count, not merely close.
/// </summary>
public sealed class DegreeOfParallelismTests
{
    [Fact]
    public void Knn_predictions_and_probabilities_are_identical_for_any_thread_count()
    {
        var (train, test) = ReferenceData.Raw("digits");
        int[] reference = [];
        float[] referenceProbabilities = [];
        foreach (int threads in new[] { 1, 2, 3, 8 })
        {
            var knn = new KNearestNeighbors(5, maxThreads: threads);
            knn.Fit(train.Features, train.FeatureCount, train.Labels);
            var labels = new int[test.Count];
            var probabilities = new float[test.Count * knn.ClassCount];
            knn.Predict(test.Features, labels);
            knn.PredictProbabilities(test.Features, probabilities);
            if (threads == 1) (reference, referenceProbabilities) = (labels, probabilities);
            Assert.Equal(reference, labels);
            Assert.Equal(referenceProbabilities, probabilities);
        }
    }

    [Fact]
    public void Kde_scores_are_identical_for_any_thread_count()
    {
        var (train, test) = ReferenceData.Raw("digits");
        double[] reference = [];
        foreach (int threads in new[] { 1, 2, 5 })
        {
            var kde = new KernelDensity(1.0, maxThreads: threads);
            kde.Fit(train.Features, train.FeatureCount);
            var scores = new double[test.Count];
            kde.ScoreSamples(test.Features, scores);
            if (threads == 1) reference = scores;
            Assert.Equal(reference, scores);
        }
    }

    [Theory]
    [InlineData(CovarianceKind.Full)]
    [InlineData(CovarianceKind.Diagonal)]
    public void Gmm_fit_is_identical_for_any_thread_count(CovarianceKind kind)
    {
        var (train, _) = ReferenceData.Raw("digits");
        GaussianMixture Fit(int threads)
        {
            var gmm = new GaussianMixture(10, kind, regularization: 1e-3, maxIterations: 8, seed: 3, maxThreads: threads);
            gmm.Fit(train.Features, train.FeatureCount);
            return gmm;
        }
        GaussianMixture one = Fit(1);
        foreach (int threads in new[] { 2, 4 })
        {
            GaussianMixture many = Fit(threads);
            Assert.Equal(one.LogLikelihoodHistory, many.LogLikelihoodHistory);
            Assert.Equal(one.Means, many.Means);
            Assert.Equal(one.Covariances, many.Covariances);
        }
    }

    [Fact]
    public void Zero_threads_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNearestNeighbors(5, maxThreads: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelDensity(maxThreads: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture(2, maxThreads: 0));
    }
}
