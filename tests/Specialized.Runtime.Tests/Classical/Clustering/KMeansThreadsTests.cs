using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

/// <summary>
/// k-means' maxThreads (over restarts, or over rows with one restart) and the forest's (over trees) must not
/// change a single bit of the result: every row and every tree is computed by the same code from the same
/// random stream whichever thread runs it.
/// </summary>
public sealed class KMeansThreadsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void KMeans_is_bit_identical_for_one_two_and_three_threads(int restarts)
    {
        var (train, _) = ReferenceData.Raw("digits");
        KMeans Fit(int threads)
        {
            var kmeans = new KMeans(clusterCount: 10, maxIterations: 100, restarts: restarts, seed: 5, maxThreads: threads);
            kmeans.Fit(train.Features, train.FeatureCount);
            return kmeans;
        }
        KMeans one = Fit(1);
        foreach (int threads in new[] { 2, 3 })
        {
            KMeans many = Fit(threads);
            Assert.Equal(one.Centers, many.Centers);
            Assert.Equal(one.Labels, many.Labels);
            Assert.Equal(one.Inertia, many.Inertia);
            Assert.Equal(one.Iterations, many.Iterations);
        }
    }

    [Fact]
    public void Forest_is_bit_identical_for_one_two_and_three_threads()
    {
        var (train, test) = ReferenceData.Raw("digits");
        RandomForest Fit(int threads)
        {
            var forest = new RandomForest(treeCount: 12, seed: 9, maxThreads: threads);
            forest.Fit(train.Features, train.FeatureCount, train.Labels);
            return forest;
        }
        RandomForest one = Fit(1);
        var reference = new float[test.Count * 10];
        one.PredictProbabilities(test.Features, reference);
        foreach (int threads in new[] { 2, 3 })
        {
            RandomForest many = Fit(threads);
            var probabilities = new float[test.Count * 10];
            many.PredictProbabilities(test.Features, probabilities);
            Assert.Equal(reference, probabilities);
            Assert.Equal(one.OutOfBagScore, many.OutOfBagScore);
            Assert.Equal(one.FeatureImportances, many.FeatureImportances);
            Assert.Equal(one.NodeCount, many.NodeCount);
        }
    }

    [Fact]
    public void Zero_threads_is_refused_naming_maxThreads()
    {
        Assert.Equal("maxThreads", Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(2, maxThreads: 0)).ParamName);
    }
}
