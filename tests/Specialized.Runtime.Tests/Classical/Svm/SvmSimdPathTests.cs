namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>
/// Every path (scalar, 128-, 256- and 512-bit, forced one at a time; the wider ones run in software where the CPU
/// lacks them) of the SMO solver's and the predictor's helpers against a double-precision reference, at lengths
/// with and without tails on every width.
/// </summary>
public class SvmSimdPathTests
{
    private static readonly VectorPath[] Paths = [VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512, VectorPath.Auto];
    private static readonly int[] Lengths = [0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 697];

    private static float[] RandomValues(Random random, int count, double scale = 1) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    [Fact]
    public void Exp_scaled_matches_the_exact_exponential_on_every_path()
    {
        var random = new Random(1);
        foreach (int n in Lengths)
        {
            float[] distances = RandomValues(random, n, 500).Select(MathF.Abs).ToArray();
            foreach (var path in Paths)
            {
                float[] values = (float[])distances.Clone();
                SvmSimd.ExpScaled(values, -0.01f, path);
                for (int i = 0; i < n; i++)
                {
                    double exact = Math.Exp(-0.01f * distances[i]);
                    Assert.True(Math.Abs(values[i] - exact) <= 4e-7 * exact + 1e-37, $"{path}, n = {n}, [{i}]: {values[i]:R} vs {exact:R}");
                }
            }
        }
    }

    [Fact]
    public void Polynomial_matches_the_exact_power_on_every_path()
    {
        var random = new Random(2);
        foreach (int n in Lengths)
        {
            float[] dots = RandomValues(random, n, 4);
            foreach (var path in Paths)
            {
                foreach (int degree in new[] { 1, 2, 3, 5 })
                {
                    float[] values = (float[])dots.Clone();
                    SvmSimd.Polynomial(values, 0.5f, 1f, degree, path);
                    for (int i = 0; i < n; i++)
                    {
                        double exact = Math.Pow(0.5 * dots[i] + 1, degree);
                        // A few float roundings per squaring, on values up to 3⁵.
                        Assert.True(Math.Abs(values[i] - exact) <= 1e-5 * Math.Abs(exact) + 1e-6, $"{path}, degree {degree}, [{i}]: {values[i]} vs {exact}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Sigmoid_matches_the_exact_tanh_on_every_path()
    {
        var random = new Random(3);
        foreach (int n in Lengths)
        {
            float[] dots = RandomValues(random, n, 20);
            foreach (var path in Paths)
            {
                float[] values = (float[])dots.Clone();
                SvmSimd.Sigmoid(values, 0.3f, -0.5f, path);
                for (int i = 0; i < n; i++)
                {
                    double exact = Math.Tanh(0.3f * dots[i] - 0.5f);
                    Assert.True(Math.Abs(values[i] - exact) <= 1e-6, $"{path}, [{i}]: {values[i]} vs {exact}");
                }
            }
        }
    }

    [Fact]
    public void Gradient_updates_match_double_arithmetic_on_every_path()
    {
        var random = new Random(4);
        foreach (int n in Lengths)
        {
            float[] qa = RandomValues(random, n), qb = RandomValues(random, n);
            double[] start = RandomValues(random, n + 3).Select(v => (double)v).ToArray();
            foreach (var path in Paths)
            {
                double[] two = (double[])start.Clone(), one = (double[])start.Clone();
                SvmSimd.AddTwoRows(two, qa, 0.75, qb, -1.25, n, path);
                SvmSimd.AddRow(one, qa, 0.75, n, path);
                for (int k = 0; k < n; k++)
                {
                    // Products of floats by doubles in double: a few double roundings.
                    Assert.Equal(start[k] + qa[k] * 0.75 + qb[k] * -1.25, two[k], 1e-14);
                    Assert.Equal(start[k] + qa[k] * 0.75, one[k], 1e-14);
                }
                for (int k = n; k < n + 3; k++) Assert.Equal(start[k], two[k]); // nothing past the length
            }
        }
    }

    [Fact]
    public void Weighted_sum_matches_double_arithmetic_on_every_path()
    {
        var random = new Random(5);
        foreach (int n in Lengths)
        {
            double[] coefficients = RandomValues(random, n, 10).Select(v => (double)v).ToArray();
            float[] values = RandomValues(random, n + 2);
            double exact = 0;
            for (int k = 0; k < n; k++) exact += coefficients[k] * values[k];
            foreach (var path in Paths)
                Assert.Equal(exact, SvmSimd.WeightedSum(coefficients, values, path), 1e-11); // up to 697 terms of ≤ 10 in another order
        }
    }

    [Fact]
    public void Partial_sums_match_double_arithmetic_on_every_path()
    {
        // Four classes of 0, 5, 17 and 33 support vectors: empty classes and tails on every width.
        var random = new Random(6);
        int[] counts = [0, 5, 17, 33], starts = [0, 0, 5, 22];
        int k = counts.Length, n = counts.Sum();
        double[] coefficients = RandomValues(random, (k - 1) * n, 10).Select(v => (double)v).ToArray();
        float[] values = RandomValues(random, n);
        foreach (var path in Paths)
        {
            var partial = new double[k * (k - 1)];
            SvmSimd.PartialSums(coefficients, values, starts, counts, partial, path);
            for (int c = 0; c < k; c++)
            {
                for (int r = 0; r < k - 1; r++)
                {
                    double exact = 0;
                    for (int s = starts[c]; s < starts[c] + counts[c]; s++) exact += coefficients[r * n + s] * values[s];
                    Assert.Equal(exact, partial[c * (k - 1) + r], 1e-12);
                }
            }
        }
        Assert.Throws<ArgumentException>(() => SvmSimd.PartialSums(coefficients, values, [0, 0, 5, 23], counts, new double[k * (k - 1)]));
    }
}
