using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class KMeansTests
{
    public static TheoryData<string> Sets() => new(ReferenceData.SetNames);

    [Theory]
    [MemberData(nameof(Sets))]
    public void Inertia_with_ten_restarts_on_standardized_features_is_within_one_percent_of_scikit_learn(string set)
    {
        var (train, _, d) = ReferenceData.Standardized(set);
        var kmeans = new KMeans(clusterCount: ReferenceData.Raw(set).Train.ClassCount, restarts: 10, seed: 0);
        kmeans.Fit(train, d);
        double expected = ReferenceData.Value(set, "kmeans_k=classes_n_init10_inertia").GetDouble();
        // The tolerance: 1% (our seeds differ from scikit-learn's).
        Assert.InRange(kmeans.Inertia, expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void Raw_digits_inertia_is_within_one_percent_of_the_reference_table()
    {
        // REFERENCE.md's 939,933 is one scikit-learn seeding (n_init 1). Single seedings of ours spread from 934k to
        // 986k (seeds 0-9), so one run is not comparable at 1%; the best of ten is (934k here, 0.6% below).
        var (train, _) = ReferenceData.Raw("digits");
        var kmeans = new KMeans(clusterCount: 10, maxIterations: 100, restarts: 10, seed: 0);
        kmeans.Fit(train.Features, train.FeatureCount);
        Assert.InRange(kmeans.Inertia, 939_933 * 0.99, 939_933 * 1.01);
        Assert.InRange(kmeans.Iterations, 1, 100);
    }

    [Fact]
    public void Two_well_separated_clusters_are_found_with_their_means_and_inertia()
    {
        // {0, 1, 2} and {10, 11, 12}: centres 1 and 11, inertia 2 · (1 + 0 + 1) = 4.
        float[] samples = [0, 10, 1, 11, 2, 12];
        var kmeans = new KMeans(clusterCount: 2, restarts: 3, seed: 1);
        kmeans.Fit(samples, 1);
        Assert.Equal([1.0, 11.0], kmeans.Centers.Order().ToArray());
        Assert.Equal(4.0, kmeans.Inertia, 12);
        var clusters = new int[2];
        kmeans.Predict([0.5f, 10.5f], clusters);
        Assert.NotEqual(clusters[0], clusters[1]);
        Assert.Equal(kmeans.Labels[0], clusters[0]);
    }

    [Fact]
    public void More_clusters_than_distinct_points_relocates_empty_clusters_without_NaN()
    {
        var kmeans = new KMeans(clusterCount: 3, restarts: 1, seed: 0);
        kmeans.Fit([0, 0, 0, 5, 5, 5], 1);
        Assert.All(kmeans.Centers, c => Assert.True(double.IsFinite(c)));
        Assert.Equal(0.0, kmeans.Inertia);
    }

    [Fact]
    public void Same_seed_gives_the_same_clustering()
    {
        var (train, _, d) = ReferenceData.Standardized("wine");
        var a = new KMeans(3, restarts: 2, seed: 7);
        var b = new KMeans(3, restarts: 2, seed: 7);
        a.Fit(train, d);
        b.Fit(train, d);
        Assert.Equal(a.Centers, b.Centers);
        Assert.Equal(a.Inertia, b.Inertia);
    }

    [Fact]
    public void More_clusters_than_rows_throws_naming_clusterCount()
    {
        var error = Assert.Throws<ArgumentException>(() => new KMeans(clusterCount: 4).Fit([1, 2, 3], 1));
        Assert.Equal("samples", error.ParamName);
        Assert.Contains("clusterCount", error.Message);
    }

    [Fact]
    public void Zero_clusters_throws_naming_clusterCount()
    {
        Assert.Equal("clusterCount", Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(clusterCount: 0)).ParamName);
    }

    [Fact]
    public void NaN_throws_naming_samples_before_any_work()
    {
        var kmeans = new KMeans(1);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => kmeans.Fit([1, float.NaN], 1)).ParamName);
        Assert.False(kmeans.IsFitted);
    }
}

/// <summary>Issue 16: k larger than the number of distinct points is signalled, as scikit-learn's ConvergenceWarning.</summary>
public class KMeansDuplicatePointsTests
{
    [Fact]
    public void More_clusters_than_distinct_points_sets_the_warning_and_the_distinct_count()
    {
        // Six rows, three distinct points, k = 5.
        float[] x = [0, 0, 0, 0, 5, 5, 5, 5, 9, 0, 9, 0];
        var kmeans = new KMeans(clusterCount: 5, restarts: 2);

        kmeans.Fit(x, 2);

        Assert.Equal(3, kmeans.DistinctClusterCount);
        Assert.Equal("Number of distinct clusters (3) found smaller than clusterCount (5). Possibly due to duplicate points in samples.", kmeans.Warning);
        Assert.Equal(0, kmeans.Inertia, 12);
    }

    [Fact]
    public void A_normal_fit_has_no_warning()
    {
        float[] x = [0, 0, 0, 1, 5, 5, 5, 6, 9, 0, 9, 1];
        var kmeans = new KMeans(clusterCount: 3, restarts: 2);

        kmeans.Fit(x, 2);

        Assert.Equal(3, kmeans.DistinctClusterCount);
        Assert.Null(kmeans.Warning);
    }
}
