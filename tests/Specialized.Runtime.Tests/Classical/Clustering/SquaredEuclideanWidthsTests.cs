using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical;

/// <summary>
/// The k-means distance on each forced width (512, 256, 128 bits, scalar) against a plain double loop, at
/// lengths around every register width so each main loop, second loop and scalar tail runs.
/// </summary>
public sealed class SquaredEuclideanWidthsTests
{
    // VectorPath is internal, so the theory takes its number.
    [Theory]
    [InlineData((int)VectorPath.Vector512)]
    [InlineData((int)VectorPath.Vector256)]
    [InlineData((int)VectorPath.Vector128)]
    [InlineData((int)VectorPath.Scalar)]
    [InlineData((int)VectorPath.Auto)]
    public void Every_path_agrees_with_a_plain_loop(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var random = new Random(17);
        for (int n = 0; n <= 37; n++)
        {
            double[] a = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 20 - 10).ToArray();
            double[] b = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 20 - 10).ToArray();
            double expected = 0;
            for (int i = 0; i < n; i++) expected += (a[i] - b[i]) * (a[i] - b[i]);
            double actual = SquaredEuclidean.Distance(a, b, path);
            Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, expected), $"{path}, n = {n}: {actual} vs {expected}");
        }
    }

    [Theory]
    [InlineData((int)VectorPath.Vector512)]
    [InlineData((int)VectorPath.Vector256)]
    [InlineData((int)VectorPath.Vector128)]
    [InlineData((int)VectorPath.Scalar)]
    public void Block_kernels_agree_with_the_single_distance_of_their_path_bit_for_bit(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var random = new Random(29);
        foreach (int d in new[] { 1, 3, 7, 8, 13, 64, 67 })
        {
            const int Rows = 23, K = 5;
            double[] x = Enumerable.Range(0, Rows * d).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            double[] centers = Enumerable.Range(0, K * d).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            // Row 5 duplicates centres 1 and 3, so its nearest is a tie that must go to the lower index.
            Array.Copy(centers, 1 * d, centers, 3 * d, d);
            Array.Copy(centers, 1 * d, x, 5 * d, d);

            var toPoint = new double[Rows];
            SquaredEuclidean.ToPoint(x, Rows, centers.AsSpan(2 * d, d), toPoint, path);
            var labels = new int[Rows];
            var nearest = new double[Rows];
            SquaredEuclidean.Assign(x, Rows, d, centers, K, labels, nearest, path);
            for (int i = 0; i < Rows; i++)
            {
                ReadOnlySpan<double> row = x.AsSpan(i * d, d);
                double naive = 0;
                for (int j = 0; j < d; j++) naive += (row[j] - centers[2 * d + j]) * (row[j] - centers[2 * d + j]);
                Assert.Equal(naive, toPoint[i], 1e-12 * (1 + naive));
                int expectedLabel = 0;
                double expectedDistance = double.PositiveInfinity;
                for (int c = 0; c < K; c++)
                {
                    double distance = SquaredEuclidean.Distance(row, centers.AsSpan(c * d, d), path);
                    if (distance < expectedDistance) (expectedLabel, expectedDistance) = (c, distance);
                }
                Assert.Equal(expectedLabel, labels[i]);
                Assert.Equal(expectedDistance, nearest[i]);
            }
            Assert.Equal(1, labels[5]);
            Assert.Equal(0, nearest[5]);
        }
    }

    [Fact]
    public void Block_kernels_refuse_short_outputs_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => SquaredEuclidean.Assign(new double[8], 2, 4, new double[8], 2, new int[1], new double[2], VectorPath.Scalar));
        Assert.Equal("labels", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => SquaredEuclidean.Assign(new double[8], 2, 4, new double[4], 2, new int[2], new double[2], VectorPath.Scalar));
        Assert.Equal("centers", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => SquaredEuclidean.ToPoint(new double[8], 3, new double[4], new double[3], VectorPath.Scalar));
        Assert.Equal("x", error.ParamName);
    }

    [Fact]
    public void Different_lengths_are_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => SquaredEuclidean.Distance(new double[3], new double[4], VectorPath.Vector128));
        Assert.Contains("3", error.Message);
        Assert.Contains("4", error.Message);
    }
}
