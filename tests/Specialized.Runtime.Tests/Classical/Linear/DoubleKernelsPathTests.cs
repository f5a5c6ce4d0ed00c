using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical.Linear;

/// <summary>The softmax objective's dot product and axpy on every path (forced one at a time) against plain double loops.</summary>
public class DoubleKernelsPathTests
{
    [Fact]
    public void Dot_and_axpy_match_the_plain_loops_on_every_path()
    {
        var random = new Random(7);
        foreach (int n in new[] { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 640 })
        {
            double[] x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double[] y = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double dot = 0;
            for (int i = 0; i < n; i++) dot += x[i] * y[i];
            foreach (var path in new[] { VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512, VectorPath.Auto })
            {
                Assert.Equal(dot, DoubleKernels.Dot(x, y, path), 1e-13); // another summation order over ≤ 640 terms of ≤ 1
                double[] z = (double[])y.Clone();
                DoubleKernels.Axpy(-0.5, x, z, path);
                for (int i = 0; i < n; i++) Assert.Equal(y[i] - 0.5 * x[i], z[i], 1e-15);
            }
        }
    }
}
