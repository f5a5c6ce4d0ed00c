namespace Specialized.Tests.Data;

public sealed class ZScoreNormalizerTests
{
    [Fact]
    public void Fit_computes_mean_and_population_std_and_leaves_constant_columns_at_scale_one()
    {
        // Columns: (1, 2, 3, 4), constant 5, (−2, 2, −2, 2).
        float[] samples = [1, 5, -2, 2, 5, 2, 3, 5, -2, 4, 5, 2];
        var normalizer = new ZScoreNormalizer();
        normalizer.Fit(samples, 3);
        Assert.Equal([2.5f, 5f, 0f], normalizer.Means.ToArray());
        // Population std of 1..4 is sqrt(1.25); float rounding 1e-7.
        Assert.Equal((float)Math.Sqrt(1.25), normalizer.Scales[0], 1e-7f);
        Assert.Equal(1f, normalizer.Scales[1]);
        Assert.Equal(2f, normalizer.Scales[2]);
    }

    [Fact]
    public void Transform_then_inverse_round_trips_in_place()
    {
        float[] samples = RandomRows(101, 13, seed: 3);
        float[] copy = (float[])samples.Clone();
        var normalizer = new ZScoreNormalizer();
        normalizer.Fit(samples, 13);
        normalizer.Transform(samples, samples);
        Assert.NotEqual(copy, samples);
        normalizer.InverseTransform(samples, samples);
        // Two float roundings per value on values around 10: 1e-5 absolute.
        for (int i = 0; i < copy.Length; i++) Assert.Equal(copy[i], samples[i], 1e-5f);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(64)]
    public void Transform_matches_the_scalar_formula_at_every_feature_count(int features)
    {
        float[] samples = RandomRows(9, features, seed: features);
        var normalizer = new ZScoreNormalizer();
        normalizer.Fit(samples, features);
        var destination = new float[samples.Length];
        normalizer.Transform(samples, destination);
        for (int i = 0; i < samples.Length; i++)
        {
            int f = i % features;
            Assert.Equal((samples[i] - normalizer.Means[f]) / normalizer.Scales[f], destination[i]);
        }
    }

    [Fact]
    public void Fitted_on_the_training_split_only_train_is_standardized_and_test_statistics_do_not_leak()
    {
        Dataset digits = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"));
        (Dataset train, Dataset test) = digits.SplitByRowIndex(5, 4);
        var normalizer = new ZScoreNormalizer();
        normalizer.Fit(train.Features, train.FeatureCount);
        float[] means = normalizer.Means.ToArray(), scales = normalizer.Scales.ToArray();

        // Changing the test rows does not change anything fitted: the statistics come from train alone.
        var shifted = test.Features.Select(v => v + 100f).ToArray();
        var again = new ZScoreNormalizer();
        again.Fit(train.Features, train.FeatureCount);
        again.Transform(shifted, new float[shifted.Length]);
        Assert.Equal(means, again.Means.ToArray());
        Assert.Equal(scales, again.Scales.ToArray());

        var z = new float[train.Features.Length];
        normalizer.Transform(train.Features, z);
        for (int f = 0; f < train.FeatureCount; f++)
        {
            double mean = 0, square = 0;
            for (int r = 0; r < train.Count; r++) mean += z[r * train.FeatureCount + f];
            mean /= train.Count;
            for (int r = 0; r < train.Count; r++) square += Math.Pow(z[r * train.FeatureCount + f] - mean, 2);
            double std = Math.Sqrt(square / train.Count);
            // Float transform of 1,438 rows: mean within 1e-5 of 0; std 1 (or 0 for a constant column) within 1e-5.
            Assert.True(Math.Abs(mean) < 1e-5, $"feature {f}: mean {mean}");
            Assert.True(Math.Abs(std - (scales[f] == 1f && std < 0.5 ? 0 : 1)) < 1e-5, $"feature {f}: std {std}");
        }
        // Digits has columns that are constant (all 0) on the training split.
        Assert.Contains(1f, scales);
    }

    [Fact]
    public void FromStatistics_restores_a_fitted_normalizer()
    {
        float[] samples = RandomRows(20, 5, seed: 1);
        var fitted = new ZScoreNormalizer();
        fitted.Fit(samples, 5);
        ZScoreNormalizer restored = ZScoreNormalizer.FromStatistics(fitted.Means, fitted.Scales);
        float[] a = new float[samples.Length], b = new float[samples.Length];
        fitted.Transform(samples, a);
        restored.Transform(samples, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Bad_input_throws_clear_errors()
    {
        var normalizer = new ZScoreNormalizer();
        Assert.Throws<InvalidOperationException>(() => normalizer.Transform(new float[4], new float[4]));
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => normalizer.Fit(new float[7], 3)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => normalizer.Fit([1f, float.NaN], 1)).ParamName);
        normalizer.Fit(new float[] { 1, 2, 3, 4 }, 2);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => normalizer.Transform(new float[4], new float[6])).ParamName);
        float[] buffer = new float[6];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => normalizer.Transform(buffer.AsSpan(0, 4), buffer.AsSpan(2, 4))).ParamName);
        Assert.Equal("scales", Assert.Throws<ArgumentException>(() => ZScoreNormalizer.FromStatistics([0f], [0f])).ParamName);
    }

    [Fact]
    public void Transform_allocates_nothing()
    {
        float[] samples = RandomRows(50, 64, seed: 2);
        var normalizer = new ZScoreNormalizer();
        normalizer.Fit(samples, 64);
        normalizer.Transform(samples, samples);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            normalizer.Transform(samples, samples);
            normalizer.InverseTransform(samples, samples);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static float[] RandomRows(int rows, int features, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * features).Select(i => (float)(random.NextDouble() * (1 + i % features) + 10)).ToArray();
    }
}
