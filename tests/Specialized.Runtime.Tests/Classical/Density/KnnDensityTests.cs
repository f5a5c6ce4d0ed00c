using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class KnnDensityTests
{
    [Fact]
    public void One_dimensional_estimate_is_k_over_n_times_the_interval_length()
    {
        // Query 0 among {−1, 0.5, 2, 4}: second nearest at distance 1, interval 2·1, p = 2 / (4·2).
        var knn = new KnnDensity(neighborCount: 2);
        knn.Fit([-1, 0.5f, 2, 4], 1);
        var scores = new double[1];
        knn.ScoreSamples([0f], scores);
        Assert.Equal(Math.Log(2.0 / (4 * 2)), scores[0], 12);
    }

    [Fact]
    public void Two_dimensional_estimate_uses_the_disc_area()
    {
        var knn = new KnnDensity(neighborCount: 1);
        knn.Fit([3, 4, 10, 10], 2);
        var scores = new double[1];
        knn.ScoreSamples([0f, 0f], scores);
        Assert.Equal(Math.Log(1.0 / (2 * Math.PI * 25)), scores[0], 10); // nearest at 5
    }

    [Fact]
    public void More_neighbours_than_rows_throws_naming_samples()
    {
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => new KnnDensity(3).Fit([1, 2], 1)).ParamName);
    }
}
