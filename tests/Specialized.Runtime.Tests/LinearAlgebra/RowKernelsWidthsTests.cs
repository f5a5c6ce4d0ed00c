using Specialized.LinearAlgebra;

namespace Specialized.Tests.LinearAlgebra;

/// <summary>
/// The eigen-solver's row kernels on each forced width: the fused rank-2 update equals two axpys bit for bit (the
/// solver picks either by size), and each kernel agrees with a plain double loop at lengths around every register width.
/// </summary>
public sealed class RowKernelsWidthsTests
{
    [Theory]
    [InlineData((int)VectorPath.Vector512)]
    [InlineData((int)VectorPath.Vector256)]
    [InlineData((int)VectorPath.Vector128)]
    [InlineData((int)VectorPath.Scalar)]
    public void Rank2_equals_two_axpys_bit_for_bit_and_each_kernel_a_plain_loop(int pathNumber)
    {
        var path = (VectorPath)pathNumber;
        var random = new Random(41);
        for (int n = 0; n <= 37; n++)
        {
            double[] x = Values(random, n), y = Values(random, n), z = Values(random, n);
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;

            double[] fused = (double[])z.Clone();
            RowKernels.Rank2(path, a, ref First(x), b, ref First(y), ref First(fused), (nuint)n);
            double[] split = (double[])z.Clone();
            RowKernels.Axpy(path, -b, ref First(y), ref First(split), (nuint)n);
            RowKernels.Axpy(path, -a, ref First(x), ref First(split), (nuint)n);
            Assert.Equal(fused, split);

            double dot = RowKernels.Dot(path, ref First(x), ref First(y), (nuint)n), expectedDot = 0;
            for (int i = 0; i < n; i++)
            {
                expectedDot += x[i] * y[i];
                Assert.True(Math.Abs(fused[i] - (z[i] - a * x[i] - b * y[i])) <= 1e-14, $"{path}, n = {n}: rank-2 entry {i}");
            }
            Assert.True(Math.Abs(dot - expectedDot) <= 1e-13, $"{path}, n = {n}: dot {dot} vs {expectedDot}");

            double c = Math.Cos(0.3), s = Math.Sin(0.3);
            double[] rx = (double[])x.Clone(), ry = (double[])y.Clone();
            RowKernels.Rotate(path, c, s, ref First(rx), ref First(ry), (nuint)n);
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(rx[i] - (c * x[i] - s * y[i])) <= 1e-15, $"{path}, n = {n}: rotated x {i}");
                Assert.True(Math.Abs(ry[i] - (s * x[i] + c * y[i])) <= 1e-15, $"{path}, n = {n}: rotated y {i}");
            }
        }
    }

    private static double[] Values(Random random, int n) => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    // A ref to element 0 of a possibly empty array (the kernels read nothing when n = 0).
    private static ref double First(double[] values) => ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(values);
}
