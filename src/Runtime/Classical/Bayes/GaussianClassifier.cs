using Specialized.LinearAlgebra;

namespace Specialized.Classical;

/// <summary>
/// The Gaussian generative classifier: one Gaussian per class, class frequencies as priors, and
/// Bayes' rule (the class of largest <c>log π_k + log N(x; μ_k, Σ_k)</c>). The covariance kind picks
/// the classic model, each estimated as scikit-learn 1.2 does so accuracies agree:
/// <list type="bullet">
/// <item><see cref="CovarianceKind.Full"/>: quadratic discriminant analysis (QDA); each class's covariance
/// with divisor n_k − 1, as <c>QuadraticDiscriminantAnalysis</c>.</item>
/// <item><see cref="CovarianceKind.Diagonal"/>: Gaussian naive Bayes; variances with divisor n_k plus
/// <c>varianceSmoothing</c> × the largest feature variance, as <c>GaussianNB(var_smoothing)</c>.</item>
/// <item><see cref="CovarianceKind.Shared"/>: linear discriminant analysis (LDA); one covariance pooled over
/// classes with divisor n − K, as <c>LinearDiscriminantAnalysis(solver="svd")</c>: features scaled by their
/// within-class standard deviation and directions of singular value ≤ 10⁻⁴ dropped, so a constant
/// feature (as in digits) needs no regularization.</item>
/// </list>
/// </summary>
public sealed class GaussianClassifier : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private GaussianComponent[]? _components;
    private double[] _logPriors = Unfitted.Doubles;
    // Shared covariance: rows of _whitening map x to coordinates where the pooled covariance is I.
    private double[] _whitening = Unfitted.Doubles;
    private double[] _whitenedMeans = Unfitted.Doubles;
    private int _rank;

    /// <summary>Configures the classifier.</summary>
    /// <param name="covariance">Full (QDA), Diagonal (naive Bayes) or Shared (LDA).</param>
    /// <param name="regularization">Added to each class covariance's diagonal (Full only); 0 matches QDA with <c>reg_param = 0</c>.</param>
    /// <param name="varianceSmoothing">Diagonal only: the fraction of the largest feature variance added to every variance (scikit-learn's <c>var_smoothing</c>).</param>
    public GaussianClassifier(CovarianceKind covariance = CovarianceKind.Full, double regularization = 0, double varianceSmoothing = 1e-9)
    {
        // A range check, not Enum.IsDefined<CovarianceKind>, whose instantiation a fresh process would JIT-compile.
        if (covariance is < CovarianceKind.Full or > CovarianceKind.Shared)
            throw new ArgumentOutOfRangeException(nameof(covariance), covariance, "covariance must be Full, Diagonal or Shared.");
        Require.NonNegative(regularization);
        Require.NonNegative(varianceSmoothing);
        CovarianceKind = covariance;
        Regularization = regularization;
        VarianceSmoothing = varianceSmoothing;
    }

    /// <summary>The covariance kind chosen at construction.</summary>
    public CovarianceKind CovarianceKind { get; }

    /// <summary>The value added to each class covariance's diagonal (Full).</summary>
    public double Regularization { get; }

    /// <summary>The naive-Bayes variance smoothing fraction (Diagonal).</summary>
    public double VarianceSmoothing { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted { get; private set; }

    /// <summary>Class priors (training frequencies).</summary>
    public IReadOnlyList<double> Priors => Array.ConvertAll(Fitted()._logPriors, Math.Exp);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Malformed or non-finite samples, bad labels, a class without rows, or
    /// (Full) a class whose covariance is singular while <see cref="Regularization"/> is 0.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels) =>
        Fit(samples, featureCount, labels, CancellationToken.None);

    /// <inheritdoc cref="Fit(ReadOnlySpan{float}, int, ReadOnlySpan{int})"/>
    /// <param name="samples">Training rows, rows × <paramref name="featureCount"/>.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="labels">One class per row, 0 .. classes − 1.</param>
    /// <param name="cancellationToken">Checked between the stages of the fit and inside the eigen-decomposition (Shared).</param>
    /// <exception cref="OperationCanceledException">The token was cancelled; the classifier keeps its previous state.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels, CancellationToken cancellationToken)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int classes = Require.AtLeastTwoClasses(labels, rows, nameof(labels));
        int d = featureCount;
        var counts = new int[classes];
        foreach (int label in labels) counts[label]++;
        for (int k = 0; k < classes; k++)
        {
            if (counts[k] == 0)
                throw new ArgumentException($"labels never use class {k} (classes are 0..{classes - 1}); every class needs at least one row.", nameof(labels));
        }

        var means = new double[classes * d];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = samples.Slice(r * d, d);
            Span<double> sum = means.AsSpan(labels[r] * d, d);
            for (int j = 0; j < d; j++) sum[j] += row[j];
        }
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < d; j++) means[k * d + j] /= counts[k];
        cancellationToken.ThrowIfCancellationRequested();

        var logPriors = new double[classes];
        for (int k = 0; k < classes; k++) logPriors[k] = Math.Log((double)counts[k] / rows);

        GaussianComponent[]? components = null;
        double[] whitening = Unfitted.Doubles, whitenedMeans = Unfitted.Doubles;
        int rank = 0;
        switch (CovarianceKind)
        {
            case CovarianceKind.Full:
                components = FitFull(ClassScatters(samples, labels, means, counts, d, cancellationToken), means, counts, d);
                break;
            case CovarianceKind.Diagonal:
                components = FitDiagonal(samples, labels, rows, means, counts, d);
                break;
            default:
                (whitening, whitenedMeans, rank) = FitShared(PooledScatter(samples, labels, means, d), means, rows, classes, d, cancellationToken);
                break;
        }

        _components = components;
        _whitening = whitening;
        _whitenedMeans = whitenedMeans;
        _rank = rank;
        _logPriors = logPriors;
        FeatureCount = d;
        ClassCount = classes;
        IsFitted = true;
    }

    /// <summary>
    /// Σ_k over classes of (X_k − μ_k)ᵀ(X_k − μ_k) as one matrix product: every row centred on its own class
    /// mean, then Xcᵀ·Xc (d × d).
    /// </summary>
    private static double[] PooledScatter(ReadOnlySpan<float> samples, ReadOnlySpan<int> labels, double[] means, int d)
    {
        int rows = labels.Length;
        var centered = new double[rows * d];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = samples.Slice(r * d, d);
            ReadOnlySpan<double> mean = means.AsSpan(labels[r] * d, d);
            Span<double> target = centered.AsSpan(r * d, d);
            for (int j = 0; j < d; j++) target[j] = row[j] - mean[j];
        }
        var scatter = new double[d * d];
        MatrixMultiply.TransposeTimesSelf(centered, rows, d, scatter);
        return scatter;
    }

    /// <summary>Each class's scatter (X_k − μ_k)ᵀ(X_k − μ_k), classes × d × d, one matrix product per class.</summary>
    private static double[] ClassScatters(ReadOnlySpan<float> samples, ReadOnlySpan<int> labels, double[] means, int[] counts, int d, CancellationToken cancellationToken)
    {
        int classes = counts.Length, rows = labels.Length;
        // Rows grouped by class (stable), so each class's centred rows are one contiguous block.
        var offsets = new int[classes + 1];
        for (int k = 0; k < classes; k++) offsets[k + 1] = offsets[k] + counts[k];
        var next = (int[])offsets.Clone();
        var centered = new double[rows * d];
        for (int r = 0; r < rows; r++)
        {
            int k = labels[r];
            ReadOnlySpan<float> row = samples.Slice(r * d, d);
            ReadOnlySpan<double> mean = means.AsSpan(k * d, d);
            Span<double> target = centered.AsSpan(next[k]++ * d, d);
            for (int j = 0; j < d; j++) target[j] = row[j] - mean[j];
        }
        var scatter = new double[classes * d * d];
        for (int k = 0; k < classes; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ReadOnlySpan<double> block = centered.AsSpan(offsets[k] * d, counts[k] * d);
            MatrixMultiply.TransposeTimesSelf(block, counts[k], d, scatter.AsSpan(k * d * d, d * d));
        }
        return scatter;
    }

    private GaussianComponent[] FitFull(double[] scatter, double[] means, int[] counts, int d)
    {
        var components = new GaussianComponent[counts.Length];
        for (int k = 0; k < counts.Length; k++)
        {
            if (counts[k] < 2)
                throw new ArgumentException($"labels give class {k} a single row; a full covariance needs at least two rows per class.", "labels");
            var covariance = new double[d * d];
            for (int i = 0; i < d * d; i++) covariance[i] = scatter[k * d * d + i] / (counts[k] - 1);
            for (int i = 0; i < d; i++) covariance[i * d + i] += Regularization;
            components[k] = GaussianComponent.TryCreate(means.AsSpan(k * d, d).ToArray(), covariance, diagonal: false) ?? throw new ArgumentException(
                $"samples of class {k} ({counts[k]} rows × {d} features) have a singular covariance; pass a regularization greater than 0 " +
                "or use CovarianceKind.Shared or Diagonal.", "samples");
        }
        return components;
    }

    private GaussianComponent[] FitDiagonal(ReadOnlySpan<float> samples, ReadOnlySpan<int> labels, int rows, double[] means, int[] counts, int d)
    {
        // One pass over the rows: squared deviations from the class mean, and from the overall mean for
        // GaussianNB's epsilon (var_smoothing × the largest variance of any feature over all rows).
        int classes = counts.Length;
        var overall = new double[d];
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < d; j++) overall[j] += means[k * d + j] * counts[k];
        for (int j = 0; j < d; j++) overall[j] /= rows;
        var squares = new double[classes * d];
        var totalSquares = new double[d];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = samples.Slice(r * d, d);
            ReadOnlySpan<double> mean = means.AsSpan(labels[r] * d, d);
            Span<double> target = squares.AsSpan(labels[r] * d, d);
            for (int j = 0; j < d; j++)
            {
                double deviation = row[j] - mean[j], fromOverall = row[j] - overall[j];
                target[j] += deviation * deviation;
                totalSquares[j] += fromOverall * fromOverall;
            }
        }
        double largest = 0;
        // A comparison, not Math.Max(double, double): its ISA-dependent expansion makes the runtime reject this
        // method's ReadyToRun code (docs/classical.md). The sums are finite and non-negative.
        for (int j = 0; j < d; j++)
            if (totalSquares[j] / rows > largest) largest = totalSquares[j] / rows;
        double epsilon = VarianceSmoothing * largest;
        var components = new GaussianComponent[classes];
        var variances = new double[d];
        for (int k = 0; k < classes; k++)
        {
            for (int j = 0; j < d; j++) variances[j] = squares[k * d + j] / counts[k] + epsilon;
            components[k] = GaussianComponent.TryCreateDiagonal(means.AsSpan(k * d, d).ToArray(), variances) ?? throw new ArgumentException(
                $"samples of class {k} have a feature of zero variance and varianceSmoothing is 0 (or every feature is constant); " +
                "pass a varianceSmoothing greater than 0.", "samples");
        }
        return components;
    }

    private static (double[] Whitening, double[] WhitenedMeans, int Rank) FitShared(double[] pooled, double[] means, int rows, int classes, int d, CancellationToken cancellationToken)
    {
        if (rows <= classes)
            throw new ArgumentException($"samples have {rows} rows for {classes} classes; a pooled covariance needs more rows than classes.", "samples");
        // Within-class standard deviations (population, over all rows); constant features keep scale 1.
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sd = Math.Sqrt(pooled[j * d + j] / rows);
            scale[j] = sd == 0 ? 1 : sd;
        }
        var standardized = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) standardized[i * d + j] = pooled[i * d + j] / (rows - classes) / (scale[i] * scale[j]);
        var eigenvalues = new double[d];
        var eigenvectors = new double[d * d];
        SymmetricEigen.Decompose(standardized, d, eigenvalues, eigenvectors, cancellationToken);
        int rank = 0;
        while (rank < d && eigenvalues[rank] > 0 && Math.Sqrt(eigenvalues[rank]) > 1e-4) rank++;
        if (rank == 0) throw new ArgumentException("samples have no within-class variation in any feature; LDA cannot separate the classes.", "samples");

        var whitening = new double[rank * d];
        for (int r = 0; r < rank; r++)
        {
            double inverseSd = 1 / Math.Sqrt(eigenvalues[r]);
            for (int j = 0; j < d; j++) whitening[r * d + j] = eigenvectors[r * d + j] * inverseSd / scale[j];
        }
        var whitenedMeans = new double[classes * rank];
        for (int k = 0; k < classes; k++)
            for (int r = 0; r < rank; r++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++) sum += whitening[r * d + j] * means[k * d + j];
                whitenedMeans[k * rank + r] = sum;
            }
        return (whitening, whitenedMeans, rank);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        Fitted();
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        Require.Finite(sample, FeatureCount, nameof(sample));
        Span<double> scores = stackalloc double[ClassCount];
        JointLogLikelihood(sample, scores);
        return ArgMax(scores);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        Fitted();
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<int>(labels, rows, nameof(labels), "one per row");
        Span<double> scores = stackalloc double[ClassCount];
        for (int r = 0; r < rows; r++)
        {
            JointLogLikelihood(samples.Slice(r * FeatureCount, FeatureCount), scores);
            labels[r] = ArgMax(scores);
        }
    }

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        Fitted();
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<float>(probabilities, rows * ClassCount, nameof(probabilities), "rows × ClassCount");
        Span<double> scores = stackalloc double[ClassCount];
        for (int r = 0; r < rows; r++)
        {
            JointLogLikelihood(samples.Slice(r * FeatureCount, FeatureCount), scores);
            DensityMath.Normalize(scores);
            for (int k = 0; k < ClassCount; k++) probabilities[r * ClassCount + k] = (float)scores[k];
        }
    }

    /// <summary>
    /// Writes <c>log π_k + log p(x | k)</c> for every class (for Shared, up to a term common to all classes).
    /// </summary>
    public void JointLogLikelihood(ReadOnlySpan<float> sample, Span<double> scores)
    {
        Fitted();
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        Require.Length<double>(scores, ClassCount, nameof(scores), "one per class");
        if (_components is not null)
        {
            Span<double> work = ScratchBuffer.Doubles(FeatureCount);
            for (int k = 0; k < ClassCount; k++) scores[k] = _logPriors[k] + _components[k].LogDensity(sample, work);
            return;
        }
        Span<double> projected = ScratchBuffer.Doubles(_rank);
        for (int r = 0; r < _rank; r++)
        {
            ReadOnlySpan<double> row = _whitening.AsSpan(r * FeatureCount, FeatureCount);
            double sum = 0;
            for (int j = 0; j < FeatureCount; j++) sum += row[j] * sample[j];
            projected[r] = sum;
        }
        for (int k = 0; k < ClassCount; k++)
        {
            ReadOnlySpan<double> mean = _whitenedMeans.AsSpan(k * _rank, _rank);
            double squared = 0;
            for (int r = 0; r < _rank; r++) squared += (projected[r] - mean[r]) * (projected[r] - mean[r]);
            scores[k] = _logPriors[k] - 0.5 * squared;
        }
    }

    private static int ArgMax(ReadOnlySpan<double> scores)
    {
        int best = 0;
        for (int k = 1; k < scores.Length; k++) if (scores[k] > scores[best]) best = k;
        return best;
    }

    private GaussianClassifier Fitted()
    {
        Require.Fitted(IsFitted, nameof(GaussianClassifier));
        return this;
    }
}
