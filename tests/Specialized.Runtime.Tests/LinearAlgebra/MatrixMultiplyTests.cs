using Specialized.LinearAlgebra;

namespace Specialized.Tests.LinearAlgebra;

/// <summary>
/// The register-blocked product against the textbook triple loop on odd shapes, on every forced width.
/// Every element is one fused multiply-add chain in inner order whatever the width or block, so the
/// widths must agree bit for bit with the scalar path; against the naive (unfused) loop the difference
/// is rounding, bounded by inner·ε·Σ|a||b|.
/// </summary>
public sealed class MatrixMultiplyTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 1, 7, 1 }, { 3, 5, 7 }, { 4, 1, 17 }, { 5, 13, 23 }, { 4, 9, 24 }, { 8, 3, 48 },
        { 9, 64, 25 }, { 17, 3, 33 }, { 6, 0, 5 }, { 7, 31, 65 }, { 13, 17, 49 }, { 1, 100, 3 }, { 11, 2, 8 }, { 6, 11, 67 }, { 3, 7, 130 }, { 10, 20, 1438 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_width_matches_the_naive_product_and_the_scalar_path_bit_for_bit(int m, int inner, int n)
    {
        var random = new Random(m * 1000 + inner * 10 + n);
        double[] a = Enumerable.Range(0, m * inner).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] b = Enumerable.Range(0, inner * n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var naive = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < inner; p++) sum += a[i * inner + p] * b[p * n + j];
                naive[i * n + j] = sum;
            }
        var scalar = Run(a, m, inner, b, n, VectorPath.Scalar);
        for (int i = 0; i < m * n; i++)
            Assert.True(Math.Abs(scalar[i] - naive[i]) <= 1e-15 * Math.Max(inner, 1) * 4, $"element {i}: {scalar[i]:R} vs naive {naive[i]:R}.");
        foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512, VectorPath.Auto })
            Assert.Equal(scalar, Run(a, m, inner, b, n, path));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transposed_a_read_in_place_equals_the_product_with_an_explicit_transpose_on_every_width(int m, int inner, int n)
    {
        var random = new Random(m + 31 * inner + 977 * n);
        double[] stored = Enumerable.Range(0, inner * m).Select(_ => random.NextDouble() * 2 - 1).ToArray(); // inner × m
        double[] b = Enumerable.Range(0, inner * n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var transposed = new double[m * inner];
        MatrixMultiply.Transpose(stored, inner, m, transposed);
        foreach (VectorPath path in new[] { VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
        {
            var expected = Run(transposed, m, inner, b, n, path);
            var actual = new double[m * n];
            MatrixMultiply.MultiplyTransposedA(stored, inner, m, b, n, actual, path);
            Assert.Equal(expected, actual);
        }
    }

    public static TheoryData<int, int, int> RowPairShapes() => new()
    {
        // Columns chosen so the 128-bit walk runs every panel width (6, 5, 4, 3, 2 and 1 registers, 7 → 4 + 3 and
        // 8 → 4 + 4) and an odd last column; odd and even rows, so the last odd row takes the single-row blocks.
        { 2, 5, 12 }, { 3, 9, 10 }, { 5, 7, 14 }, { 4, 3, 15 }, { 7, 6, 16 }, { 6, 11, 17 }, { 9, 4, 3 }, { 2, 1, 1 },
        { 1, 8, 25 }, { 11, 13, 33 }, { 8, 64, 64 }, { 5, 2, 37 }, { 13, 20, 23 }, { 6, 0, 7 },
    };

    [Theory]
    [MemberData(nameof(RowPairShapes))]
    [MemberData(nameof(Shapes))]
    public void The_row_pair_walk_matches_the_naive_product_and_the_scalar_path_bit_for_bit_on_every_width(int m, int inner, int n)
    {
        // The walk x86-64-v2 takes by itself (128 bits without FMA), forced here on each width so that it also runs
        // where the CPU has FMA; .ci/run runs this test under DOTNET_EnableAVX=0 as well, where it is unfused.
        var random = new Random(7 * m + 113 * inner + 5003 * n);
        double[] a = Enumerable.Range(0, m * inner).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] b = Enumerable.Range(0, inner * n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var scalar = Run(a, m, inner, b, n, VectorPath.Scalar);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < inner; p++) sum += a[i * inner + p] * b[p * n + j];
                Assert.True(Math.Abs(scalar[i * n + j] - sum) <= 1e-15 * Math.Max(inner, 1) * 4, $"element ({i}, {j}): {scalar[i * n + j]:R} vs naive {sum:R}.");
            }
        var transposed = new double[inner * m];
        MatrixMultiply.Transpose(a, m, inner, transposed);
        foreach (VectorPath path in new[] { VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
        {
            var pairs = new double[m * n];
            Array.Fill(pairs, double.NaN);
            MatrixMultiply.MultiplyInRowPairs(a, m, inner, b, n, pairs, path);
            Assert.Equal(scalar, pairs);
            var pairsOfTransposed = new double[m * n];
            Array.Fill(pairsOfTransposed, double.NaN);
            MatrixMultiply.MultiplyTransposedAInRowPairs(transposed, inner, m, b, n, pairsOfTransposed, path);
            Assert.Equal(scalar, pairsOfTransposed);
        }
    }

    [Fact]
    public void Output_overlapping_an_input_is_refused()
    {
        var buffer = new double[16];
        Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply(buffer.AsSpan(0, 4), 2, 2, buffer.AsSpan(4, 4), 2, buffer.AsSpan(2, 4)));
    }

    private static double[] Run(double[] a, int m, int inner, double[] b, int n, VectorPath path)
    {
        var c = new double[m * n];
        Array.Fill(c, double.NaN); // overwritten, never accumulated into
        MatrixMultiply.Multiply(a, m, inner, b, n, c, path);
        return c;
    }
}
