using Specialized.LinearAlgebra;

namespace Specialized.Classical;

/// <summary>
/// Principal component analysis: the eigenvectors of the sample covariance (divisor n − 1, as
/// scikit-learn's <c>PCA</c>), in order of decreasing variance. <see cref="ExplainedVarianceRatio"/> is each
/// component's variance over the total variance of all features, so it matches scikit-learn whether or
/// not every component is kept. Whitening divides each projected coordinate by the square root of its
/// variance (a component of zero variance projects to 0 instead of dividing by zero).
/// <para>Sign convention: each component is oriented so that its entry of largest magnitude is positive.
/// scikit-learn 1.2 orients components by the projected data instead (<c>svd_flip</c> on U), so a component
/// may come out negated relative to it; variances, ratios and reconstructions do not depend on the sign.</para>
/// </summary>
/// <example><code>
/// var pca = new Pca(componentCount: 2, whiten: true);
/// pca.Fit(samples, featureCount: 64);
/// pca.Transform(samples, projected);            // rows × 2
/// pca.InverseTransform(projected, restored);    // rows × 64
/// </code></example>
public sealed class Pca
{
    private readonly ExclusiveUse _exclusive = new();
    private readonly int? _requestedComponents;
    private double[] _mean = Unfitted.Doubles;
    private double[] _components = Unfitted.Doubles;
    private double[] _variance = Unfitted.Doubles;
    private double[] _ratio = Unfitted.Doubles;
    private double[] _projectionScale = Unfitted.Doubles;

    /// <summary>Configures the decomposition.</summary>
    /// <param name="componentCount">Components kept (<c>n_components</c>); null keeps min(rows, features).</param>
    /// <param name="whiten">Scale projections to unit variance (<c>whiten</c>).</param>
    public Pca(int? componentCount = null, bool whiten = false)
    {
        if (componentCount is int count) Require.InRange(count, 1, int.MaxValue, nameof(componentCount));
        _requestedComponents = componentCount;
        Whiten = whiten;
    }

    /// <summary>Whether projections are whitened.</summary>
    public bool Whiten { get; }

    /// <summary>Features per sample, fixed by <c>Fit</c>.</summary>
    public int FeatureCount { get; private set; }

    /// <summary>Components kept, fixed by <c>Fit</c>.</summary>
    public int ComponentCount { get; private set; }

    /// <summary>Whether <c>Fit</c> has completed.</summary>
    public bool IsFitted { get; private set; }

    /// <summary>The training mean, one per feature.</summary>
    public IReadOnlyList<double> Mean => Checked(_mean);

    /// <summary>The principal axes, components × features row-major, unit length, by decreasing variance.</summary>
    public IReadOnlyList<double> Components => Checked(_components);

    /// <summary>Variance along each component (eigenvalues of the covariance, divisor n − 1).</summary>
    public IReadOnlyList<double> ExplainedVariance => Checked(_variance);

    /// <summary>Each component's share of the total variance.</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio => Checked(_ratio);

    private T Checked<T>(T value)
    {
        Require.Fitted(IsFitted, nameof(Pca));
        return value;
    }

    /// <summary>Finds the principal components of <paramref name="samples"/> (rows × <paramref name="featureCount"/>).</summary>
    /// <exception cref="ArgumentException">Malformed or non-finite samples, fewer than two rows, or more components than min(rows, features).</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount) => Fit(samples, featureCount, CancellationToken.None);

    /// <inheritdoc cref="Fit(ReadOnlySpan{float}, int)"/>
    /// <param name="samples">Training rows, rows × <paramref name="featureCount"/>.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="cancellationToken">Checked after the covariance and inside the eigen-decomposition (wide data: d = 1000 takes about a second).</param>
    /// <exception cref="OperationCanceledException">The token was cancelled; the model keeps its previous state.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, CancellationToken cancellationToken)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int d = featureCount;
        if (rows < 2) throw new ArgumentException("samples have a single row; PCA needs at least two rows to estimate a variance.", nameof(samples));
        int limit = Math.Min(rows, d);
        int k = _requestedComponents ?? limit;
        if (k > limit)
            throw new ArgumentOutOfRangeException("componentCount", k, $"componentCount must be at most min(rows, features) = {limit} for these samples.");

        var mean = new double[d];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = samples.Slice(r * d, d);
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= rows;
        var covariance = CenteredScatter(samples, rows, d, mean);
        for (int i = 0; i < covariance.Length; i++) covariance[i] /= rows - 1;
        cancellationToken.ThrowIfCancellationRequested();

        var eigenvalues = new double[d];
        var eigenvectors = new double[d * d];
        SymmetricEigen.Decompose(covariance, d, eigenvalues, eigenvectors, cancellationToken);
        double total = 0;
        for (int j = 0; j < d; j++) total += covariance[j * d + j];

        var variance = new double[k];
        var ratio = new double[k];
        var scale = new double[k];
        for (int c = 0; c < k; c++)
        {
            variance[c] = eigenvalues[c] > 0 ? eigenvalues[c] : 0; // a comparison, not Math.Max(double, double): see docs/classical.md (ReadyToRun)
            ratio[c] = total > 0 ? variance[c] / total : 0;
            // Below this relative size a variance is rounding noise of a zero one (a constant direction).
            scale[c] = !Whiten ? 1 : variance[c] > 1e-12 * (eigenvalues[0] > double.Epsilon ? eigenvalues[0] : double.Epsilon) ? 1 / Math.Sqrt(variance[c]) : 0;
        }

        _mean = mean;
        _components = k == d ? eigenvectors : eigenvectors.AsSpan(0, k * d).ToArray(); // no copy of a fresh 8d² bytes when all are kept
        _variance = variance;
        _ratio = ratio;
        _projectionScale = scale;
        FeatureCount = d;
        ComponentCount = k;
        IsFitted = true;
    }

    /// <summary>About 64 KB of centred rows per block: below the large-object threshold, and in L2 while the product reads it.</summary>
    private const int ScatterBlockDoubles = 8192;

    /// <summary>
    /// Σᵣ (xᵣ − mean)(xᵣ − mean)ᵀ (d × d), centring a block of rows at a time into one small buffer and adding each
    /// block's product. Not one rows × d centred copy: in a fresh process every page of a new large array is a page
    /// fault, and that copy of the digits (736 KB) alone cost about 3 ms of a first fit's CPU time on the
    /// benchmark machine (issue 17, docs/classical.md), where later fits reuse the memory.
    /// </summary>
    private static double[] CenteredScatter(ReadOnlySpan<float> samples, int rows, int d, double[] mean)
    {
        // At least 64 rows a block: each block's product also writes and adds d² values, which must stay a small share of
        // its 64·d² multiply-adds on wide data (4-row blocks at d = 2048 moved about 100 MB per 4 rows).
        int blockRows = Math.Max(64, ScatterBlockDoubles / d);
        if (blockRows > rows) blockRows = rows;
        var block = new double[blockRows * d];
        var scatter = new double[d * d];
        var partial = new double[rows > blockRows ? d * d : 0];
        for (int start = 0; start < rows; start += blockRows)
        {
            int count = Math.Min(blockRows, rows - start);
            for (int r = 0; r < count; r++)
            {
                ReadOnlySpan<float> row = samples.Slice((start + r) * d, d);
                for (int j = 0; j < d; j++) block[r * d + j] = row[j] - mean[j];
            }
            if (start == 0)
            {
                MatrixMultiply.TransposeTimesSelf(block.AsSpan(0, count * d), count, d, scatter);
                continue;
            }
            MatrixMultiply.TransposeTimesSelf(block.AsSpan(0, count * d), count, d, partial);
            for (int i = 0; i < scatter.Length; i++) scatter[i] += partial[i];
        }
        return scatter;
    }

    /// <summary>Projects every row onto the components (whitened if configured): rows × <see cref="ComponentCount"/>.</summary>
    public void Transform(ReadOnlySpan<float> samples, Span<float> projected)
    {
        Require.Fitted(IsFitted, nameof(Pca));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<float>(projected, rows * ComponentCount, nameof(projected), "rows × ComponentCount");
        int d = FeatureCount;
        Span<double> centered = ScratchBuffer.Doubles(d);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < d; j++) centered[j] = samples[r * d + j] - _mean[j];
            for (int c = 0; c < ComponentCount; c++)
            {
                ReadOnlySpan<double> axis = _components.AsSpan(c * d, d);
                double sum = 0;
                for (int j = 0; j < d; j++) sum += axis[j] * centered[j];
                projected[r * ComponentCount + c] = (float)(sum * _projectionScale[c]);
            }
        }
    }

    /// <summary>Maps projections (rows × <see cref="ComponentCount"/>) back to feature space (rows × <see cref="FeatureCount"/>).</summary>
    public void InverseTransform(ReadOnlySpan<float> projected, Span<float> samples)
    {
        Require.Fitted(IsFitted, nameof(Pca));
        int rows = Require.FiniteRows(projected, ComponentCount, nameof(projected));
        Require.Length<float>(samples, rows * FeatureCount, nameof(samples), "rows × FeatureCount");
        int d = FeatureCount;
        Span<double> restored = ScratchBuffer.Doubles(d);
        for (int r = 0; r < rows; r++)
        {
            _mean.CopyTo(restored);
            for (int c = 0; c < ComponentCount; c++)
            {
                // Undo whitening: multiply by √variance (a zero-variance component carries nothing back).
                double coordinate = projected[r * ComponentCount + c] * (Whiten ? Math.Sqrt(_variance[c]) : 1);
                if (Whiten && _projectionScale[c] == 0) coordinate = 0;
                ReadOnlySpan<double> axis = _components.AsSpan(c * d, d);
                for (int j = 0; j < d; j++) restored[j] += coordinate * axis[j];
            }
            for (int j = 0; j < d; j++) samples[r * d + j] = (float)restored[j];
        }
    }
}
