using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

public class HistogramDensityTests
{
    [Fact]
    public void One_dimensional_histogram_counts_over_n_times_width()
    {
        // Bins of width 1 from the minimum 0: [0,1) holds 0, 0.5; [1,2) holds 1.5; [2,3) holds 2, 2.9.
        var histogram = new HistogramDensity(binWidth: 1);
        histogram.Fit([0, 0.5f, 1.5f, 2, 2.9f], 1);
        var scores = new double[3];
        histogram.ScoreSamples([0.2f, 1.2f, 7f], scores);
        Assert.Equal(Math.Log(2.0 / 5), scores[0], 12);
        Assert.Equal(Math.Log(1.0 / 5), scores[1], 12);
        Assert.True(double.IsNegativeInfinity(scores[2]));
        Assert.Equal(3, histogram.OccupiedBinCount);
        Assert.Null(histogram.SparsityWarning);
    }

    [Fact]
    public void Two_dimensional_bins_are_squares()
    {
        var histogram = new HistogramDensity(binWidth: 2);
        histogram.Fit([0, 0, 1, 1, 3, 0, 1, 3], 2);
        Assert.Equal(2, histogram.BinCount([0.5f, 1.5f]));
        var scores = new double[1];
        histogram.ScoreSamples([0.5f, 1.5f], scores);
        Assert.Equal(Math.Log(2.0 / (4 * 4)), scores[0], 12); // 2 of 4 rows, bin area 4
    }

    [Fact]
    public void Sixty_four_dimensional_digits_warn_about_sparsity()
    {
        var (train, _) = ReferenceData.Raw("digits");
        var histogram = new HistogramDensity(binWidth: 4);
        histogram.Fit(train.Features, train.FeatureCount);
        Assert.NotNull(histogram.SparsityWarning);
        Assert.Contains("zero almost everywhere", histogram.SparsityWarning);
        Assert.True(double.IsFinite(HistogramLog(histogram, train.Row(0)))); // a training row's own bin is occupied
    }

    private static double HistogramLog(HistogramDensity histogram, ReadOnlySpan<float> row)
    {
        var score = new double[1];
        histogram.ScoreSamples(row, score);
        return score[0];
    }

    [Fact]
    public void Bin_width_not_positive_throws_naming_binWidth()
    {
        Assert.Equal("binWidth", Assert.Throws<ArgumentOutOfRangeException>(() => new HistogramDensity(0)).ParamName);
    }
}
