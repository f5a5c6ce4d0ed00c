namespace Specialized.LinearAlgebra;

/// <summary>
/// Cholesky factorization <c>A = L·Lᵀ</c> of a symmetric positive-definite matrix, row-major in
/// double precision: the stable way to solve with a covariance and to get its log-determinant.
/// </summary>
public static class Cholesky
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="matrix"/> (n × n) with L and zeroes the upper
    /// triangle. Returns false, leaving the matrix partly overwritten, when it is not positive definite.
    /// </summary>
    public static bool TryFactor(Span<double> matrix, int n)
    {
        CheckSquare(matrix.Length, n, nameof(matrix));
        for (int j = 0; j < n; j++)
        {
            double diagonal = matrix[j * n + j];
            for (int k = 0; k < j; k++) diagonal -= matrix[j * n + k] * matrix[j * n + k];
            if (!(diagonal > 0)) return false;
            double pivot = Math.Sqrt(diagonal);
            matrix[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                double sum = matrix[i * n + j];
                for (int k = 0; k < j; k++) sum -= matrix[i * n + k] * matrix[j * n + k];
                matrix[i * n + j] = sum / pivot;
            }
            for (int k = j + 1; k < n; k++) matrix[j * n + k] = 0;
        }
        return true;
    }

    /// <summary>Solves <c>L·y = b</c> in place (forward substitution).</summary>
    public static void SolveLower(ReadOnlySpan<double> factor, int n, Span<double> b)
    {
        CheckSquare(factor.Length, n, nameof(factor));
        if (b.Length != n) throw new ArgumentException($"b has {b.Length} elements; expected {n}.", nameof(b));
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= factor[i * n + k] * b[k];
            b[i] = sum / factor[i * n + i];
        }
    }

    /// <summary>Solves <c>Lᵀ·x = y</c> in place (back substitution).</summary>
    public static void SolveUpper(ReadOnlySpan<double> factor, int n, Span<double> y)
    {
        CheckSquare(factor.Length, n, nameof(factor));
        if (y.Length != n) throw new ArgumentException($"y has {y.Length} elements; expected {n}.", nameof(y));
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) sum -= factor[k * n + i] * y[k];
            y[i] = sum / factor[i * n + i];
        }
    }

    /// <summary>Solves <c>A·x = b</c> in place given A's factor L.</summary>
    public static void Solve(ReadOnlySpan<double> factor, int n, Span<double> b)
    {
        SolveLower(factor, n, b);
        SolveUpper(factor, n, b);
    }

    /// <summary><c>log det A = 2·Σ log L_ii</c>.</summary>
    public static double LogDeterminant(ReadOnlySpan<double> factor, int n)
    {
        CheckSquare(factor.Length, n, nameof(factor));
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.Log(factor[i * n + i]);
        return 2 * sum;
    }

    private static void CheckSquare(int length, int n, string paramName)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        if (length != n * n) throw new ArgumentException($"{paramName} has {length} elements; expected {n} × {n} = {n * n}.", paramName);
    }
}
