using System.Runtime.InteropServices;

namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>Kernels against a double-precision scalar reference, at the sizes where vector code has edges.</summary>
public class SvmKernelTests
{
    private static double Reference(SvmKernel kind, double gamma, double coef0, int degree, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int features)
    {
        double dot = 0, distance = 0;
        for (int f = 0; f < features; f++)
        {
            dot += (double)a[f] * b[f];
            distance += ((double)a[f] - b[f]) * ((double)a[f] - b[f]);
        }
        return kind switch
        {
            SvmKernel.Linear => dot,
            SvmKernel.Polynomial => Math.Pow(gamma * dot + coef0, degree),
            SvmKernel.Rbf => Math.Exp(-gamma * distance),
            _ => Math.Tanh(gamma * dot + coef0),
        };
    }

    private static float[] RandomValues(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    public static TheoryData<SvmKernel, int> KindsAndSizes()
    {
        var data = new TheoryData<SvmKernel, int>();
        foreach (SvmKernel kind in Enum.GetValues<SvmKernel>())
            foreach (int features in new[] { 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 129 })
                data.Add(kind, features);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndSizes))]
    public void Runtime_kernel_row_matches_the_scalar_reference(SvmKernel kind, int features)
    {
        var random = new Random(features * 31 + (int)kind);
        var kernel = new RuntimeKernel(kind, features, gamma: 0.7 / features, coef0: 0.3, degree: 3);
        float[] x = RandomValues(random, features);
        foreach (int count in new[] { 1, 3, 4, 5, 8, 9, 17 })
        {
            float[] vectors = RandomValues(random, count * features);
            var row = new float[count];
            kernel.EvaluateRow(x, vectors, count, row);
            for (int j = 0; j < count; j++)
            {
                double expected = Reference(kind, kernel.Gamma, kernel.Coef0, kernel.Degree, x, vectors.AsSpan(j * features), features);
                // Float sums of up to 129 products of values in [−1, 1]: relative 1e-5 plus 1e-5 absolute.
                Assert.Equal(expected, row[j], 1e-5 * (1 + Math.Abs(expected)) + 1e-5 * features / 64);
                // A single pair takes the scalar exp/power where a long row takes the vector one: 1 ulp or so.
                Assert.Equal(row[j], kernel.Evaluate(x, vectors.AsSpan(j * features, features)), 1e-6 * (1 + Math.Abs(row[j])));
            }
        }
    }

    [Fact]
    public void Hand_specialized_kernels_match_the_runtime_kernel()
    {
        var random = new Random(3);
        float[] x = RandomValues(random, 64).Select(v => (v + 1) * 8).ToArray(); // pixel-like 0..16
        foreach (int count in new[] { 1, 3, 4, 5, 11, 697 })
        {
            float[] vectors = RandomValues(random, count * 64).Select(v => (v + 1) * 8).ToArray();
            var expected = new float[count];
            var actual = new float[count];
            new RuntimeKernel(SvmKernel.Rbf, 64, 0.001).EvaluateRow(x, vectors, count, expected);
            default(HandSpecializedRbf64).EvaluateRow(x, vectors, count, actual);
            // Same terms, summed in another order (horizontal adds): float rounding of |x − v|² ≈ 1e3 times γ.
            for (int j = 0; j < count; j++) Assert.Equal(expected[j], actual[j], 1e-5f * (1 + expected[j]));
            new RuntimeKernel(SvmKernel.Polynomial, 64, 0.001, 0, 3).EvaluateRow(x, vectors, count, expected);
            default(HandSpecializedPoly64).EvaluateRow(x, vectors, count, actual);
            for (int j = 0; j < count; j++) Assert.Equal(expected[j], actual[j], 1e-5f * (1 + expected[j]));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_vector_path_of_the_row_kernel_matches_the_scalar_path(bool distance)
    {
        // Vector512 and Vector256 run in software where the hardware lacks them, so every path is checked on any machine.
        var random = new Random(distance ? 5 : 6);
        foreach (int features in new[] { 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 129 })
        {
            float[] x = RandomValues(random, features);
            const int count = 9;
            float[] vectors = RandomValues(random, count * features);
            var scalar = new float[count];
            SvmSimd.Row(distance, x, vectors, features, count, features, scalar, VectorPath.Scalar);
            foreach (var path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
            {
                var vector = new float[count];
                SvmSimd.Row(distance, x, vectors, features, count, features, vector, path);
                // Another summation order over ≤ 129 terms of magnitude ≤ 4: a few float ulps of the sum.
                for (int j = 0; j < count; j++) Assert.Equal(scalar[j], vector[j], 1e-5f * (1 + Math.Abs(scalar[j])));
            }
        }
    }

    [Fact]
    public void Every_path_of_the_hand_specialized_kernel_matches_the_scalar_one()
    {
        var random = new Random(11);
        float[] x = RandomValues(random, 64).Select(v => (v + 1) * 8).ToArray();
        const int count = 11; // two blocks of four and a tail of three
        float[] vectors = RandomValues(random, count * 64).Select(v => (v + 1) * 8).ToArray();
        var scalar = new float[count];
        var v256 = new float[count];
        var v512 = new float[count];
        ref float xr = ref MemoryMarshal.GetArrayDataReference(x);
        ref float vr = ref MemoryMarshal.GetArrayDataReference(vectors);
        HandSpecializedRbf64.SquaredDistancesScalar(ref xr, ref vr, count, ref MemoryMarshal.GetArrayDataReference(scalar));
        HandSpecializedRbf64.SquaredDistances256(ref xr, ref vr, count, ref MemoryMarshal.GetArrayDataReference(v256));
        HandSpecializedRbf64.SquaredDistances512(ref xr, ref vr, count, ref MemoryMarshal.GetArrayDataReference(v512));
        // Squared distances around 1e3 summed in three orders: relative 1e-5.
        for (int j = 0; j < count; j++)
        {
            Assert.Equal(scalar[j], v256[j], 1e-5f * scalar[j]);
            Assert.Equal(scalar[j], v512[j], 1e-5f * scalar[j]);
        }
    }

    [Fact]
    public void Polynomial_power_by_squaring_matches_Math_Pow()
    {
        foreach (int degree in new[] { 1, 2, 3, 4, 5, 7, 10 })
            Assert.Equal(Math.Pow(1.1, degree), SvmSimd.PowInt(1.1f, degree), 1e-5 * Math.Pow(1.1, degree));
    }
}
