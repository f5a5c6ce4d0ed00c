using Specialized.LinearAlgebra;

namespace Specialized.Tests.LinearAlgebra;

/// <summary>
/// The Householder + implicit QL eigen-solver against known spectra. Tolerances are relative to ‖A‖
/// (the largest |λ|): a backward-stable solver leaves residuals of a small multiple of n·ε ≈ 2e−13 at
/// n = 1000, so 1e−10 (the bar) has three digits of margin.
/// </summary>
public sealed class SymmetricEigenTests
{
    private static readonly VectorPath[] Paths = [VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512];

    [Fact]
    public void Diagonal_matrix_gives_its_entries_in_descending_order_and_unit_vectors()
    {
        double[] entries = [3, -1, 2, 0, 5];
        int n = entries.Length;
        var a = new double[n * n];
        for (int i = 0; i < n; i++) a[i * n + i] = entries[i];
        var (values, vectors) = Decompose(a, n);
        Assert.Equal([5, 3, 2, 0, -1], values);
        int[] source = [4, 0, 2, 3, 1];
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++) Assert.Equal(i == source[k] ? 1.0 : 0.0, vectors[k * n + i]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Tiny_matrices_are_decomposed(int n)
    {
        double[] a = RandomSymmetric(n, seed: n);
        var (values, vectors) = Decompose(a, n);
        AssertEigenpairs(a, n, values, vectors, 1e-13);
    }

    [Fact]
    public void Repeated_eigenvalues_are_found_with_an_orthonormal_basis_of_each_eigenspace()
    {
        double[] spectrum = [4, 4, 4, 1, 1, 0.5, -2, -2, -2, -2, 7, 0.5];
        int n = spectrum.Length;
        double[] a = WithSpectrum(spectrum, seed: 3);
        var (values, vectors) = Decompose(a, n);
        double[] expected = spectrum.OrderByDescending(v => v).ToArray();
        for (int k = 0; k < n; k++) Assert.True(Math.Abs(values[k] - expected[k]) <= 1e-13 * 7, $"λ{k} = {values[k]:R}, expected {expected[k]}.");
        AssertEigenpairs(a, n, values, vectors, 1e-13);
    }

    [Fact]
    public void Rank_deficient_matrix_has_zero_eigenvalues_to_rounding()
    {
        const int n = 40, rank = 9;
        var random = new Random(5);
        var b = new double[n * rank];
        for (int i = 0; i < b.Length; i++) b[i] = random.NextDouble() * 2 - 1;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < rank; p++) sum += b[i * rank + p] * b[j * rank + p];
                a[i * n + j] = sum;
            }
        var (values, vectors) = Decompose(a, n);
        for (int k = rank; k < n; k++) Assert.True(Math.Abs(values[k]) <= 1e-13 * values[0], $"λ{k} = {values[k]:R} should be 0 (λ0 = {values[0]:R}).");
        Assert.True(values[rank - 1] > 1e-3 * values[0]);
        AssertEigenpairs(a, n, values, vectors, 1e-13);
    }

    [Fact]
    public void Random_1000_by_1000_symmetric_matrix_meets_1e_10_relative_residual_and_orthonormality()
    {
        const int n = 1000;
        double[] a = RandomSymmetric(n, seed: 11);
        var (values, vectors) = Decompose(a, n);
        AssertEigenpairs(a, n, values, vectors, 1e-10);
        // The trace is the sum of the eigenvalues.
        double trace = 0;
        for (int i = 0; i < n; i++) trace += a[i * n + i];
        Assert.True(Math.Abs(values.Sum() - trace) <= 1e-10 * n * Math.Abs(values[0]));
    }

    [Fact]
    public void Every_register_width_agrees_with_the_scalar_path_at_edge_sizes()
    {
        foreach (int n in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 63, 65, SymmetricEigen.FusedRankTwoColumns + 5 })
        {
            double[] a = RandomSymmetric(n, seed: 100 + n);
            var (reference, referenceVectors) = Decompose(a, n, VectorPath.Scalar);
            double scale = Math.Max(Math.Abs(reference[0]), Math.Abs(reference[^1]));
            foreach (VectorPath path in Paths)
            {
                var (values, vectors) = Decompose(a, n, path);
                for (int k = 0; k < n; k++)
                    Assert.True(Math.Abs(values[k] - reference[k]) <= 1e-12 * scale, $"n = {n}, {path}: λ{k} = {values[k]:R}, scalar {reference[k]:R}.");
                AssertEigenpairs(a, n, values, vectors, 1e-12);
                // Distinct random eigenvalues: vectors are unique up to the fixed sign, so they agree too.
                for (int i = 0; i < n * n; i++)
                    Assert.True(Math.Abs(vectors[i] - referenceVectors[i]) <= 1e-9, $"n = {n}, {path}: eigenvector entry {i} differs.");
            }
        }
    }

    [Fact]
    public void Results_are_bit_identical_run_to_run()
    {
        double[] a = RandomSymmetric(97, seed: 2);
        var (v1, e1) = Decompose(a, 97);
        var (v2, e2) = Decompose(a, 97);
        Assert.Equal(v1, v2);
        Assert.Equal(e1, e2);
    }

    [Fact]
    public void Cancelled_token_stops_the_decomposition()
    {
        double[] a = RandomSymmetric(50, seed: 1);
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => SymmetricEigen.Decompose(a, 50, new double[50], new double[2500], source.Token));
    }

    [Fact]
    public void Non_finite_entries_are_refused()
    {
        double[] a = [1, double.NaN, double.NaN, 1];
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(a, 2, new double[2], new double[4]));
    }

    private static (double[] Values, double[] Vectors) Decompose(double[] a, int n, VectorPath path = VectorPath.Auto)
    {
        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricEigen.Decompose(a, n, values, vectors, path, CancellationToken.None);
        return (values, vectors);
    }

    /// <summary>max_k ‖A v_k − λ_k v_k‖∞ and max |V Vᵀ − I| within <paramref name="tolerance"/> × ‖A‖ (resp. 1), eigenvalues descending.</summary>
    private static void AssertEigenpairs(double[] a, int n, double[] values, double[] vectors, double tolerance)
    {
        for (int k = 1; k < n; k++) Assert.True(values[k] <= values[k - 1], "eigenvalues must be descending.");
        double norm = Math.Max(Math.Abs(values[0]), Math.Abs(values[^1]));
        var va = new double[n * n];
        MatrixMultiply.Multiply(vectors, n, n, a, n, va); // row k = (A v_k)ᵀ, A symmetric
        var transposed = new double[n * n];
        MatrixMultiply.Transpose(vectors, n, n, transposed);
        var gram = new double[n * n];
        MatrixMultiply.Multiply(vectors, n, n, transposed, n, gram);
        double residual = 0, orthogonality = 0;
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
            {
                residual = Math.Max(residual, Math.Abs(va[k * n + i] - values[k] * vectors[k * n + i]));
                orthogonality = Math.Max(orthogonality, Math.Abs(gram[k * n + i] - (k == i ? 1 : 0)));
            }
        Assert.True(residual <= tolerance * Math.Max(norm, 1e-300), $"‖Av − λv‖ = {residual:E3}, ‖A‖ = {norm:E3}.");
        Assert.True(orthogonality <= tolerance, $"‖VVᵀ − I‖ = {orthogonality:E3}.");
    }

    private static double[] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random.NextDouble() * 2 - 1;
        return a;
    }

    /// <summary>Q·diag(spectrum)·Qᵀ with Q a product of random Householder reflections.</summary>
    private static double[] WithSpectrum(double[] spectrum, int seed)
    {
        int n = spectrum.Length;
        var random = new Random(seed);
        var q = new double[n * n];
        for (int i = 0; i < n; i++) q[i * n + i] = 1;
        for (int reflection = 0; reflection < 3; reflection++)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = random.NextDouble() * 2 - 1;
            double squared = v.Sum(x => x * x);
            for (int r = 0; r < n; r++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += q[r * n + i] * v[i];
                for (int i = 0; i < n; i++) q[r * n + i] -= 2 * dot / squared * v[i];
            }
        }
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < n; p++) sum += q[i * n + p] * spectrum[p] * q[j * n + p];
                a[i * n + j] = sum;
            }
        return a;
    }
}
