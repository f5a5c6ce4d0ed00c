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

    [Fact]
    public void The_automatic_entry_matches_the_widest_accelerated_path_bit_for_bit()
    {
        var random = new Random(3);
        double[] a = Enumerable.Range(0, 64).Select(_ => random.NextDouble()).ToArray();
        double[] b = Enumerable.Range(0, 64).Select(_ => random.NextDouble()).ToArray();
        Assert.Equal(SquaredEuclidean.Distance(a, b, VectorPaths.Resolve(VectorPath.Auto)), SquaredEuclidean.Distance(a, b));
    }

    [Fact]
    public void Different_lengths_are_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => SquaredEuclidean.Distance(new double[3], new double[4], VectorPath.Vector128));
        Assert.Contains("3", error.Message);
        Assert.Contains("4", error.Message);
    }
}
