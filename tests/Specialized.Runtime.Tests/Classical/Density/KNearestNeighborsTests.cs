using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class KNearestNeighborsTests
{
    public static TheoryData<string> Sets() => new(ReferenceData.SetNames);

    [Theory]
    [MemberData(nameof(Sets))]
    public void Five_neighbours_on_standardized_features_match_scikit_learn(string set)
    {
        var (train, test, d) = ReferenceData.Standardized(set);
        var knn = new KNearestNeighbors(5);
        knn.Fit(train, d, ReferenceData.Raw(set).Train.Labels);
        double accuracy = ReferenceData.Accuracy(knn, test, ReferenceData.Raw(set).Test.Labels);
        double expected = ReferenceData.Value(set, "knn5_accuracy").GetDouble();
        Assert.InRange(accuracy, expected - 0.01, expected + 0.01); // the one percentage point
    }

    [Fact]
    public void Five_neighbours_on_raw_digits_reach_the_reference_98_61_percent()
    {
        var (train, test) = ReferenceData.Raw("digits");
        var knn = new KNearestNeighbors(5);
        knn.Fit(train.Features, train.FeatureCount, train.Labels);
        Assert.InRange(ReferenceData.Accuracy(knn, test.Features, test.Labels), 0.9861 - 0.01, 0.9861 + 0.01);
    }

    [Fact]
    public void Equal_distances_keep_the_lower_training_index_as_scikit_learn_brute_force()
    {
        // Rows 1, 2 and 4 all lie at distance 1 from the query; row 0 at 2, row 3 at 3.
        float[] samples = [2, 0, 1, 0, -1, 0, 0, 3, 0, 1];
        var knn = new KNearestNeighbors(2);
        knn.Fit(samples, 2, [0, 1, 2, 3, 4]);
        Span<int> indices = stackalloc int[2];
        Span<float> distances = stackalloc float[2];
        knn.Neighbors([0f, 0f], indices, distances);
        Assert.Equal([1, 2], indices.ToArray());
        Assert.Equal([1f, 1f], distances.ToArray());
    }

    [Fact]
    public void A_tied_vote_goes_to_the_lowest_label()
    {
        var knn = new KNearestNeighbors(2);
        knn.Fit([1, -1, 5], 1, [1, 0, 1]);
        Assert.Equal(0, knn.Predict([0f])); // neighbours: labels 1 and 0, one vote each
    }

    [Fact]
    public void Every_vector_path_gives_the_scalar_distances_bit_for_bit()
    {
        // Each path forced in turn (the wider ones run in software where the CPU lacks them); a lane adds its
        // squared differences in feature order with a separate multiply and add, so all agree exactly.
        var (train, test, d) = ReferenceData.Standardized("wine");
        var rows = new BlockedRows(train, d);
        var scalar = new float[rows.PaddedCount];
        foreach (var path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512, VectorPath.Auto })
        {
            var vector = new float[rows.PaddedCount];
            for (int r = 0; r < 5; r++)
            {
                rows.SquaredDistances(test.AsSpan(r * d, d), vector, path);
                rows.SquaredDistances(test.AsSpan(r * d, d), scalar, VectorPath.Scalar);
                Assert.Equal(scalar.AsSpan(0, rows.Count).ToArray(), vector.AsSpan(0, rows.Count).ToArray());
            }
        }
    }

    [Fact]
    public void Predict_allocates_nothing_after_warm_up()
    {
        var (train, test) = ReferenceData.Raw("digits");
        var knn = new KNearestNeighbors(5);
        knn.Fit(train.Features, train.FeatureCount, train.Labels);
        var predicted = new int[test.Count];
        knn.Predict(test.Features, predicted);
        long before = GC.GetAllocatedBytesForCurrentThread();
        knn.Predict(test.Features, predicted);
        knn.Predict(test.Row(0));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void More_neighbours_than_rows_throws_naming_samples_and_neighborCount()
    {
        var error = Assert.Throws<ArgumentException>(() => new KNearestNeighbors(5).Fit([1, 2, 3], 1, [0, 1, 0]));
        Assert.Equal("samples", error.ParamName);
        Assert.Contains("neighborCount", error.Message);
    }

    [Fact]
    public void Zero_neighbours_throws_naming_neighborCount()
    {
        Assert.Equal("neighborCount", Assert.Throws<ArgumentOutOfRangeException>(() => new KNearestNeighbors(0)).ParamName);
    }

    [Fact]
    public void NaN_query_throws_naming_samples()
    {
        var knn = new KNearestNeighbors(1);
        knn.Fit([1, 2], 1, [0, 1]);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => knn.Predict([float.NaN], new int[1])).ParamName);
    }
}
