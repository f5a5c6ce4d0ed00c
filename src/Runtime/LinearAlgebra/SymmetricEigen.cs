using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.LinearAlgebra;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix in double precision: Householder reduction to
/// tridiagonal form, then the implicit-shift QL iteration (the EISPACK <c>tred2</c>/<c>tql2</c> pair, as
/// LAPACK's <c>dsteqr</c>), about 9n³ flops in all. Eigenvectors are kept as rows, so every update —
/// the reflector's matrix-vector product and rank-2 update, the back-accumulation, and each QL plane
/// rotation — runs down contiguous rows with SIMD. A 64 × 64 covariance takes well under a
/// millisecond; 1000 × 1000 a few tenths of a second (the Jacobi solver this replaces took 84 s).
/// Residuals ‖Av − λv‖ and ‖VVᵀ − I‖ are of order n·ε relative to ‖A‖.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Iterations of the QL sweep allowed per eigenvalue before giving up (EISPACK allows 30; two or three are typical).</summary>
    private const int MaxIterationsPerEigenvalue = 60;

    /// <summary>
    /// Trailing-block width from which the Householder update uses the fused rank-2 kernel (one pass over each row)
    /// rather than two axpys (two passes, same bits). Below it a row is a few cache lines in L1 and the second pass
    /// costs next to nothing, while the fused kernel would be one more method to JIT-compile on the first call of a
    /// small decomposition (PCA on 64 features; issue 17, docs/classical.md).
    /// </summary>
    internal const int FusedRankTwoColumns = 128;

    /// <summary>
    /// Decomposes the n × n symmetric <paramref name="matrix"/> (row-major, left untouched; read as
    /// (A + Aᵀ)/2). Writes eigenvalues in descending order and, in row k of <paramref name="eigenvectors"/>,
    /// the unit eigenvector of eigenvalue k. Each eigenvector's sign is fixed so its largest-magnitude entry
    /// is positive (the first such entry on a tie), so results do not depend on the order of operations.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong span lengths, or a matrix with NaN or infinite entries.</exception>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, Span<double> eigenvectors) =>
        Decompose(matrix, n, eigenvalues, eigenvectors, VectorPath.Auto, CancellationToken.None);

    /// <inheritdoc cref="Decompose(ReadOnlySpan{double}, int, Span{double}, Span{double})"/>
    /// <param name="matrix">The symmetric matrix, n × n row-major.</param>
    /// <param name="n">The order of the matrix.</param>
    /// <param name="eigenvalues">Receives the n eigenvalues, largest first.</param>
    /// <param name="eigenvectors">Receives the unit eigenvectors as rows, n × n.</param>
    /// <param name="cancellationToken">Checked once per Householder step and once per eigenvalue (about every n² flops).</param>
    /// <exception cref="OperationCanceledException">The token was cancelled; the outputs are then unspecified.</exception>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, Span<double> eigenvectors, CancellationToken cancellationToken) =>
        Decompose(matrix, n, eigenvalues, eigenvectors, VectorPath.Auto, cancellationToken);

    /// <summary>As the public overloads, on a forced register width (tests run every width).</summary>
    internal static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, Span<double> eigenvectors, VectorPath path, CancellationToken cancellationToken)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        if (matrix.Length != n * n) throw new ArgumentException($"matrix has {matrix.Length} elements; expected {n * n}.", nameof(matrix));
        if (eigenvalues.Length != n) throw new ArgumentException($"eigenvalues has {eigenvalues.Length} elements; expected {n}.", nameof(eigenvalues));
        if (eigenvectors.Length != n * n) throw new ArgumentException($"eigenvectors has {eigenvectors.Length} elements; expected {n * n}.", nameof(eigenvectors));
        foreach (double value in matrix)
        {
            if (!double.IsFinite(value)) throw new ArgumentException("matrix has a NaN or infinite entry; eigenvalues are undefined.", nameof(matrix));
        }
        path = VectorPaths.Resolve(path);

        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) a[i * n + j] = a[j * n + i] = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
            a[i * n + i] = matrix[i * n + i];
        }
        var diagonal = new double[n];
        var offDiagonal = new double[n];
        var betas = new double[n];
        Tridiagonalize(a, n, diagonal, offDiagonal, betas, path, cancellationToken);
        var z = new double[n * n]; // row i: the i-th column of the accumulated orthogonal transform
        AccumulateReflectors(a, n, betas, z, path, cancellationToken);
        ImplicitQl(diagonal, offDiagonal, z, n, path, cancellationToken);

        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (x, y) => diagonal[x] != diagonal[y] ? diagonal[y].CompareTo(diagonal[x]) : x.CompareTo(y));
        for (int k = 0; k < n; k++)
        {
            int source = order[k];
            eigenvalues[k] = diagonal[source];
            ReadOnlySpan<double> vector = z.AsSpan(source * n, n);
            int largest = 0;
            for (int i = 1; i < n; i++) if (Math.Abs(vector[i]) > Math.Abs(vector[largest])) largest = i;
            double sign = vector[largest] < 0 ? -1 : 1;
            for (int i = 0; i < n; i++) eigenvectors[k * n + i] = sign * vector[i];
        }
    }

    /// <summary>
    /// max(a, b) for finite values (the matrix is checked finite). A comparison rather than <c>Math.Max(double, double)</c>:
    /// .NET 10 expands that call differently per instruction set, and a method containing it has its ReadyToRun code
    /// rejected at run time, so the whole QL sweep would be JIT-compiled in a fresh process (docs/classical.md).
    /// </summary>
    private static double Larger(double a, double b) => a > b ? a : b;

    /// <summary>
    /// Reduces <paramref name="a"/> (full symmetric storage) to tridiagonal T = QᵀAQ, Q = H₀H₁⋯H_{n−3}, with
    /// H_k = I − β_k v_k v_kᵀ. Leaves v_k in row k right of the diagonal, β_k in <paramref name="betas"/>,
    /// the diagonal of T in <paramref name="diagonal"/> and its sub-diagonal in <paramref name="offDiagonal"/> (last entry 0).
    /// </summary>
    private static void Tridiagonalize(double[] a, int n, double[] diagonal, double[] offDiagonal, double[] betas, VectorPath path, CancellationToken cancellationToken)
    {
        var p = new double[n];
        ref double ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref double rp = ref MemoryMarshal.GetArrayDataReference(p);
        for (int k = 0; k < n - 2; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int s = k + 1, m = n - s;
            Span<double> x = a.AsSpan(k * n + s, m);
            diagonal[k] = a[k * n + k];
            double tail = 0;
            for (int i = 1; i < m; i++) tail = Larger(tail, Math.Abs(x[i]));
            if (tail == 0)
            {
                // Column already reduced: H_k = I.
                betas[k] = 0;
                offDiagonal[k] = x[0];
                continue;
            }
            double scale = Larger(tail, Math.Abs(x[0])), squares = 0;
            for (int i = 0; i < m; i++)
            {
                double t = x[i] / scale;
                squares += t * t;
            }
            double sigma = scale * Math.Sqrt(squares);
            double x0 = x[0];
            double alpha = x0 >= 0 ? -sigma : sigma; // v₀ = x₀ − α adds magnitudes: no cancellation
            x[0] = x0 - alpha;
            double beta = 1 / (sigma * (sigma + Math.Abs(x0)));
            betas[k] = beta;
            offDiagonal[k] = alpha;

            // A₂₂ ← H A₂₂ H = A₂₂ − v wᵀ − w vᵀ with p = β A₂₂ v and w = p − (β/2)(pᵀv) v.
            ref double v = ref Unsafe.Add(ref ra, k * n + s);
            for (int r = 0; r < m; r++)
                Unsafe.Add(ref rp, r) = beta * RowKernels.Dot(path, ref Unsafe.Add(ref ra, (s + r) * n + s), ref v, (nuint)m);
            double half = 0.5 * beta * RowKernels.Dot(path, ref rp, ref v, (nuint)m);
            RowKernels.Axpy(path, -half, ref v, ref rp, (nuint)m);
            if (m >= FusedRankTwoColumns)
            {
                for (int r = 0; r < m; r++)
                    RowKernels.Rank2(path, x[r], ref rp, Unsafe.Add(ref rp, r), ref v, ref Unsafe.Add(ref ra, (s + r) * n + s), (nuint)m);
            }
            else
            {
                // The same z −= x[r]·p + p[r]·v as two axpys, bit for bit (Rank2 computes fma(−x[r], p, fma(−p[r], v, z))).
                for (int r = 0; r < m; r++)
                {
                    ref double row = ref Unsafe.Add(ref ra, (s + r) * n + s);
                    RowKernels.Axpy(path, -Unsafe.Add(ref rp, r), ref v, ref row, (nuint)m);
                    RowKernels.Axpy(path, -x[r], ref rp, ref row, (nuint)m);
                }
            }
        }
        if (n >= 2)
        {
            diagonal[n - 2] = a[(n - 2) * n + n - 2];
            offDiagonal[n - 2] = a[(n - 2) * n + n - 1];
        }
        diagonal[n - 1] = a[n * n - 1];
        offDiagonal[n - 1] = 0;
    }

    /// <summary>Writes Qᵀ = H_{n−3}⋯H₀ into <paramref name="z"/>, accumulating backwards so each H_k touches only the trailing block.</summary>
    private static void AccumulateReflectors(double[] a, int n, double[] betas, double[] z, VectorPath path, CancellationToken cancellationToken)
    {
        for (int i = 0; i < n; i++) z[i * n + i] = 1;
        ref double ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref double rz = ref MemoryMarshal.GetArrayDataReference(z);
        for (int k = n - 3; k >= 0; k--)
        {
            if (betas[k] == 0) continue;
            cancellationToken.ThrowIfCancellationRequested();
            int s = k + 1, m = n - s;
            ref double v = ref Unsafe.Add(ref ra, k * n + s);
            // Z ← Z H_k: rows above s are unit vectors with zeros in columns s.., so only rows s.. change.
            for (int r = s; r < n; r++)
            {
                ref double row = ref Unsafe.Add(ref rz, r * n + s);
                double u = betas[k] * RowKernels.Dot(path, ref row, ref v, (nuint)m);
                RowKernels.Axpy(path, -u, ref v, ref row, (nuint)m);
            }
        }
    }

    /// <summary>
    /// Diagonalizes the symmetric tridiagonal matrix (<paramref name="d"/>, sub-diagonal <paramref name="e"/>) by
    /// implicit-shift QL (Wilkinson shift), applying every plane rotation to rows of <paramref name="z"/>.
    /// On return <paramref name="d"/> holds the eigenvalues (unsorted) and row i of <paramref name="z"/> the eigenvector of d[i].
    /// </summary>
    private static void ImplicitQl(double[] d, double[] e, double[] z, int n, VectorPath path, CancellationToken cancellationToken)
    {
        ref double rz = ref MemoryMarshal.GetArrayDataReference(z);
        double shiftTotal = 0, norm = 0;
        const double Epsilon = 2.220446049250313e-16;
        for (int l = 0; l < n; l++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            norm = Larger(norm, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > Epsilon * norm) m++;
            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > MaxIterationsPerEigenvalue)
                        throw new InvalidOperationException($"The QL iteration did not converge for eigenvalue {l} of {n} after {MaxIterationsPerEigenvalue} iterations.");
                    // Wilkinson-style shift from the leading 2 × 2 block.
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = double.Hypot(p, 1);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    shiftTotal += h;

                    // Chase the bulge from m − 1 up to l.
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
                    double el1 = e[l + 1];
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = double.Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        // Columns i, i+1 of V = rows i, i+1 of z: (z_{i+1}, z_i) ← (s·z_i + c·z_{i+1}, c·z_i − s·z_{i+1}).
                        RowKernels.Rotate(path, c, s, ref Unsafe.Add(ref rz, i * n), ref Unsafe.Add(ref rz, (i + 1) * n), (nuint)n);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > Epsilon * norm);
            }
            d[l] += shiftTotal;
            e[l] = 0;
        }
    }
}
