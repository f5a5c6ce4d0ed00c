namespace Specialized.Benchmarks.Classical;

/// <summary>
/// The library's eigen-solver before issue 17, kept as the benchmarks' baseline: cyclic Jacobi rotations, in double precision.
/// Jacobi is slower than tridiagonal QR for large n but is accurate to the last digits for the small,
/// dense matrices of this library (covariances of tens of features) and simple enough to read.
/// </summary>
internal static class JacobiEigen
{
    /// <summary>
    /// Decomposes the n × n symmetric <paramref name="matrix"/> (row-major, left untouched).
    /// Writes eigenvalues in descending order and, in row k of <paramref name="eigenvectors"/>, the unit
    /// eigenvector of eigenvalue k. Each eigenvector's sign is fixed so its largest-magnitude entry is
    /// positive, so results do not depend on rotation order.
    /// </summary>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, Span<double> eigenvectors)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        if (matrix.Length != n * n) throw new ArgumentException($"matrix has {matrix.Length} elements; expected {n * n}.", nameof(matrix));
        if (eigenvalues.Length != n) throw new ArgumentException($"eigenvalues has {eigenvalues.Length} elements; expected {n}.", nameof(eigenvalues));
        if (eigenvectors.Length != n * n) throw new ArgumentException($"eigenvectors has {eigenvectors.Length} elements; expected {n * n}.", nameof(eigenvectors));

        var a = matrix.ToArray();
        var v = new double[n * n]; // columns are eigenvectors while rotating
        for (int i = 0; i < n; i++) v[i * n + i] = 1;

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double offDiagonal = 0, scale = 0;
            for (int i = 0; i < n; i++)
            {
                scale += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) offDiagonal += a[i * n + j] * a[i * n + j];
            }
            if (offDiagonal <= 1e-30 * Math.Max(scale, double.Epsilon)) break;

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (apq == 0) continue;
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k * n + p], vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        int[] order = Enumerable.Range(0, n).OrderByDescending(i => a[i * n + i]).ThenBy(i => i).ToArray();
        for (int k = 0; k < n; k++)
        {
            int column = order[k];
            eigenvalues[k] = a[column * n + column];
            int largest = 0;
            for (int i = 1; i < n; i++) if (Math.Abs(v[i * n + column]) > Math.Abs(v[largest * n + column])) largest = i;
            double sign = v[largest * n + column] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) eigenvectors[k * n + i] = sign * v[i * n + column];
        }
    }
}
