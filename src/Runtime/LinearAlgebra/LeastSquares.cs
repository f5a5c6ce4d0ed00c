namespace Specialized.LinearAlgebra;

/// <summary>
/// Least squares <c>min ‖A·X − B‖</c> by Householder QR, in double precision: stable where the
/// normal equations would square the condition number.
/// </summary>
public static class LeastSquares
{
    /// <summary>
    /// Solves for X (n × k, row-major) given A (m × n, m ≥ n) and B (m × k). A and B are left untouched.
    /// </summary>
    /// <exception cref="ArgumentException">A is rank-deficient (a column is a combination of the others).</exception>
    public static double[] Solve(ReadOnlySpan<double> a, int rows, int columns, ReadOnlySpan<double> b, int rightHandSides)
    {
        if (rows < columns) throw new ArgumentException($"A has {rows} rows and {columns} columns; least squares needs at least as many rows as columns.", nameof(rows));
        if (a.Length != rows * columns) throw new ArgumentException($"a has {a.Length} elements; expected {rows} × {columns}.", nameof(a));
        if (b.Length != rows * rightHandSides) throw new ArgumentException($"b has {b.Length} elements; expected {rows} × {rightHandSides}.", nameof(b));

        var r = a.ToArray();
        var qtb = b.ToArray();
        var v = new double[rows];
        double scale = 0;
        foreach (double value in a) scale = Math.Max(scale, Math.Abs(value));

        for (int j = 0; j < columns; j++)
        {
            double norm = 0;
            for (int i = j; i < rows; i++) norm += r[i * columns + j] * r[i * columns + j];
            norm = Math.Sqrt(norm);
            if (norm <= 1e-12 * Math.Max(scale, 1e-300) * Math.Sqrt(rows))
                throw new ArgumentException($"A is rank-deficient: column {j} is (nearly) a linear combination of the columns before it. Remove the redundant feature or add regularization.", nameof(a));
            double alpha = r[j * columns + j] > 0 ? -norm : norm;
            double vNorm = 0;
            for (int i = j; i < rows; i++)
            {
                v[i] = r[i * columns + j] - (i == j ? alpha : 0);
                vNorm += v[i] * v[i];
            }
            if (vNorm == 0) continue;
            for (int c = j; c < columns; c++) Reflect(r, columns, c, v, j, rows, vNorm);
            for (int c = 0; c < rightHandSides; c++) Reflect(qtb, rightHandSides, c, v, j, rows, vNorm);
        }

        var x = new double[columns * rightHandSides];
        for (int c = 0; c < rightHandSides; c++)
        {
            for (int i = columns - 1; i >= 0; i--)
            {
                double sum = qtb[i * rightHandSides + c];
                for (int k = i + 1; k < columns; k++) sum -= r[i * columns + k] * x[k * rightHandSides + c];
                x[i * rightHandSides + c] = sum / r[i * columns + i];
            }
        }
        return x;
    }

    // Applies H = I − 2·v·vᵀ/‖v‖² to one column of a row-major matrix, rows from..end.
    private static void Reflect(double[] m, int width, int column, double[] v, int from, int rows, double vNorm)
    {
        double dot = 0;
        for (int i = from; i < rows; i++) dot += v[i] * m[i * width + column];
        double factor = 2 * dot / vNorm;
        for (int i = from; i < rows; i++) m[i * width + column] -= factor * v[i];
    }
}
