using System.Runtime.CompilerServices;
using Specialized.LinearAlgebra;

namespace Specialized.Classical;

/// <summary>
/// Fisher's linear discriminant. Two classes: the direction w ∝ S_W⁻¹(m₁ − m₀). K classes: the
/// q ≤ K − 1 directions maximizing between-class over within-class scatter, i.e. the leading
/// solutions of S_B v = λ S_W v, found by Cholesky-whitening (S_W = LLᵀ, eigenvectors u of
/// L⁻¹ S_B L⁻ᵀ, v = L⁻ᵀ u) and <see cref="SymmetricEigen"/>. Directions are scaled so the pooled
/// within-class covariance is the identity on the projection.
/// Classifier on the projection: a Gaussian with shared (identity) covariance per class and class
/// priors, i.e. the nearest projected class mean corrected by ln π_k. With all K − 1 directions this
/// is the same rule as scikit-learn's LinearDiscriminantAnalysis.
/// </summary>
public sealed class FisherDiscriminant : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private readonly int? _components;
    private double[]? _directions;
    private double[] _projectedMeans = [];
    private double[] _logPriors = [];
    private double[] _ratios = [];

    /// <summary>Creates an unfitted discriminant.</summary>
    /// <param name="components">Directions to keep, in [1, K − 1]; null keeps min(K − 1, features).</param>
    /// <param name="regularization">
    /// Each within-class variance is raised by this fraction (a constant feature's by this fraction of
    /// the mean variance), 0 or more; the small default keeps constant features from making the
    /// covariance singular without changing the others measurably.
    /// </param>
    public FisherDiscriminant(int? components = null, double regularization = 1e-6)
    {
        if (components is int q) Require.InRange(q, 1, int.MaxValue, nameof(components));
        Require.NonNegative(regularization);
        _components = components;
        Regularization = regularization;
    }

    /// <summary>Relative diagonal loading of the within-class covariance.</summary>
    public double Regularization { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _directions is not null;

    /// <summary>Number of discriminant directions q.</summary>
    public int ComponentCount { get; private set; }

    /// <summary>q × features directions, row-major, most discriminative first.</summary>
    public IReadOnlyList<double> Directions => _directions ?? throw NotFitted();

    /// <summary>Between- over within-class variance along each direction (the generalized eigenvalues; for two classes the single ratio).</summary>
    public IReadOnlyList<double> DiscriminantRatios => IsFitted ? _ratios : throw NotFitted();

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        int d = featureCount;
        int q = _components ?? Math.Min(classes - 1, d);
        if (q > Math.Min(classes - 1, d))
            throw new ArgumentOutOfRangeException("components", q, $"components is {q}; with {classes} classes and {d} features it must be at most {Math.Min(classes - 1, d)}.");
        if (rows <= classes)
            throw new ArgumentException($"samples has {rows} rows for {classes} classes; the pooled covariance needs more rows than classes.", nameof(samples));

        var counts = new int[classes];
        var means = new double[classes * d];
        var mean = new double[d];
        for (int i = 0; i < rows; i++)
        {
            counts[labels[i]]++;
            for (int f = 0; f < d; f++)
            {
                means[labels[i] * d + f] += samples[i * d + f];
                mean[f] += samples[i * d + f];
            }
        }
        for (int k = 0; k < classes; k++)
        {
            if (counts[k] == 0) throw new ArgumentException($"labels never uses class {k} (below the largest label {classes - 1}); every class needs samples.", nameof(labels));
            for (int f = 0; f < d; f++) means[k * d + f] /= counts[k];
        }
        for (int f = 0; f < d; f++) mean[f] /= rows;

        // Pooled within-class covariance S_W / (N − K), diagonally loaded.
        var within = new double[d * d];
        var centered = new double[d];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < d; f++) centered[f] = samples[i * d + f] - means[labels[i] * d + f];
            for (int a = 0; a < d; a++)
                for (int b = 0; b <= a; b++) within[a * d + b] += centered[a] * centered[b];
        }
        double trace = 0;
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b <= a; b++) within[b * d + a] = within[a * d + b] /= rows - classes;
            trace += within[a * d + a];
        }
        // Data Fisher cannot separate must be refused, as LDA refuses it: with no within-class variation
        // the loading below is a 1e-300 stand-in and the directions come out 0/0; with coinciding class
        // means every direction is as good as any other. Either way Fit used to "succeed" with NaN
        // probabilities and a constant prediction.
        // "Zero" means within the rounding of the sums that produced it (scikit-learn's constant-feature test).
        bool varies = false, meansDiffer = false;
        for (int f = 0; f < d; f++)
        {
            double scale = 0;
            for (int k = 0; k < classes; k++) scale = Math.Max(scale, Math.Abs(means[k * d + f]));
            varies |= !ZScoreNormalizer.IsConstant(within[f * d + f], scale, rows);
            for (int k = 0; k < classes; k++)
                meansDiffer |= Math.Abs(means[k * d + f] - mean[f]) > rows * 2.220446049250313e-16 * scale;
        }
        if (!varies)
            throw new ArgumentException("samples have no within-class variation in any feature; Fisher's discriminant cannot separate the classes.", nameof(samples));
        if (!meansDiffer)
            throw new ArgumentException("samples: every class has the same mean in every feature; Fisher's discriminant has no direction that separates the classes.", nameof(samples));

        // Each variance grows by the same fraction (scale-free, so raw features of very different
        // ranges are treated alike); a constant feature gets that fraction of the mean variance.
        for (int a = 0; a < d; a++)
        {
            double variance = within[a * d + a];
            within[a * d + a] += Regularization * (variance > 0 ? variance : Math.Max(trace / d, 1e-300));
        }
        if (!Cholesky.TryFactor(within, d))
            throw new ArgumentException("samples: the within-class covariance is not positive definite (features are linearly dependent); raise regularization.", nameof(samples));

        var directions = new double[q * d];
        var ratios = new double[q];
        if (classes == 2)
        {
            // w ∝ S_W⁻¹(m₁ − m₀), scaled to unit within-class variance: w = Σ⁻¹Δ / √(ΔᵀΣ⁻¹Δ).
            var w = new double[d];
            for (int f = 0; f < d; f++) w[f] = means[d + f] - means[f];
            var difference = (double[])w.Clone();
            Cholesky.Solve(within, d, w);
            double separation = 0;
            for (int f = 0; f < d; f++) separation += w[f] * difference[f];
            for (int f = 0; f < d; f++) directions[f] = w[f] / Math.Sqrt(separation);
            ratios[0] = separation * counts[0] * counts[1] / ((double)rows * (rows - classes));
        }
        else
        {
            // Between-class scatter over N − K so eigenvalues are variance ratios on the same scale.
            var between = new double[d * d];
            for (int k = 0; k < classes; k++)
            {
                for (int f = 0; f < d; f++) centered[f] = means[k * d + f] - mean[f];
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++) between[a * d + b] += counts[k] * centered[a] * centered[b] / (rows - classes);
            }
            // C = L⁻¹ S_B L⁻ᵀ: solve L·M = S_B column by column, then L·C = Mᵀ.
            var column = new double[d];
            var m = new double[d * d];
            for (int b = 0; b < d; b++)
            {
                for (int a = 0; a < d; a++) column[a] = between[a * d + b];
                Cholesky.SolveLower(within, d, column);
                for (int a = 0; a < d; a++) m[a * d + b] = column[a];
            }
            var whitened = new double[d * d];
            for (int b = 0; b < d; b++)
            {
                for (int a = 0; a < d; a++) column[a] = m[b * d + a];
                Cholesky.SolveLower(within, d, column);
                for (int a = 0; a < d; a++) whitened[a * d + b] = column[a];
            }
            for (int a = 0; a < d; a++)
                for (int b = 0; b < a; b++) whitened[a * d + b] = whitened[b * d + a] = (whitened[a * d + b] + whitened[b * d + a]) / 2;
            var values = new double[d];
            var vectors = new double[d * d];
            SymmetricEigen.Decompose(whitened, d, values, vectors);
            for (int j = 0; j < q; j++)
            {
                vectors.AsSpan(j * d, d).CopyTo(column);
                Cholesky.SolveUpper(within, d, column);
                column.CopyTo(directions.AsSpan(j * d, d));
                ratios[j] = values[j];
            }
        }

        foreach (double value in directions)
        {
            if (!double.IsFinite(value))
                throw new ArgumentException("samples: the discriminant directions are not finite (the within-class covariance is too close to singular); raise regularization.", nameof(samples));
        }

        var projectedMeans = new double[classes * q];
        var logPriors = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            logPriors[k] = Math.Log((double)counts[k] / rows);
            for (int j = 0; j < q; j++)
            {
                double sum = 0;
                for (int f = 0; f < d; f++) sum += directions[j * d + f] * means[k * d + f];
                projectedMeans[k * q + j] = sum;
            }
        }
        _directions = directions;
        _ratios = ratios;
        _projectedMeans = projectedMeans;
        _logPriors = logPriors;
        ComponentCount = q;
        FeatureCount = d;
        ClassCount = classes;
    }

    /// <summary>Projects each row onto the discriminant directions (rows × <see cref="ComponentCount"/>).</summary>
    public void Transform(ReadOnlySpan<float> samples, Span<float> projected)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(FisherDiscriminant), samples, FeatureCount, projected, ComponentCount, nameof(projected));
        Span<double> z = ComponentCount <= 256 ? stackalloc double[ComponentCount] : new double[ComponentCount];
        for (int r = 0; r < rows; r++)
        {
            Project(samples.Slice(r * FeatureCount, FeatureCount), z);
            for (int j = 0; j < ComponentCount; j++) projected[r * ComponentCount + j] = (float)z[j];
        }
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        ClassifierArguments.Sample(IsFitted, nameof(FisherDiscriminant), sample, FeatureCount);
        Span<double> scores = stackalloc double[512];
        scores = Scores(sample, scores);
        return ClassifierArguments.ArgMax(scores);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(FisherDiscriminant), samples, FeatureCount, labels, 1, nameof(labels));
        Span<double> buffer = stackalloc double[512];
        for (int r = 0; r < rows; r++) labels[r] = ClassifierArguments.ArgMax(Scores(samples.Slice(r * FeatureCount, FeatureCount), buffer));
    }

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(FisherDiscriminant), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        Span<double> buffer = stackalloc double[512];
        for (int r = 0; r < rows; r++)
        {
            Span<double> scores = Scores(samples.Slice(r * FeatureCount, FeatureCount), buffer);
            ClassifierArguments.Softmax(scores);
            for (int k = 0; k < ClassCount; k++) probabilities[r * ClassCount + k] = (float)scores[k];
        }
    }

    // Log posterior up to a constant: −½‖z − μ_k‖² + ln π_k. Buffer holds z then the scores.
    private Span<double> Scores(ReadOnlySpan<float> sample, Span<double> buffer)
    {
        int q = ComponentCount;
        if (q + ClassCount > buffer.Length) buffer = new double[q + ClassCount];
        Span<double> z = buffer[..q];
        Span<double> scores = buffer.Slice(q, ClassCount);
        Project(sample, z);
        for (int k = 0; k < ClassCount; k++)
        {
            double distance = 0;
            for (int j = 0; j < q; j++)
            {
                double diff = z[j] - _projectedMeans[k * q + j];
                distance += diff * diff;
            }
            scores[k] = -0.5 * distance + _logPriors[k];
        }
        return scores;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Project(ReadOnlySpan<float> sample, Span<double> z)
    {
        double[] directions = _directions!;
        int d = FeatureCount;
        for (int j = 0; j < z.Length; j++)
        {
            double sum = 0;
            for (int f = 0; f < d; f++) sum += directions[j * d + f] * sample[f];
            z[j] = sum;
        }
    }

    private static InvalidOperationException NotFitted() =>
        new($"This {nameof(FisherDiscriminant)} has not been fitted yet; call Fit before reading its results.");
}
