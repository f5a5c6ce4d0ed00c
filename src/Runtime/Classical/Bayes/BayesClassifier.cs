namespace Specialized.Classical;

/// <summary>
/// A classifier built from any class-conditional density estimator and class priors by Bayes'
/// rule: <c>P(k | x) ∝ π_k·p(x | k)</c>, then the decision of minimum expected loss under an optional
/// loss matrix, with an optional reject option (<see cref="BayesDecision.Reject"/>, −1, when the largest
/// posterior is below the threshold). Where every class density is zero at x (e.g. outside a
/// histogram's bins) the posteriors fall back to the priors.
/// </summary>
/// <example><code>
/// var bayes = new BayesClassifier(() => new KernelDensity(bandwidth: 0.5), rejectThreshold: 0.9);
/// bayes.Fit(train, featureCount, trainLabels);
/// RejectReport report = bayes.Evaluate(test, testLabels);
/// </code></example>
public sealed class BayesClassifier : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private readonly Func<IDensityEstimator> _densityFactory;
    private readonly double[]? _givenPriors;
    private IDensityEstimator[] _densities = [];
    private double[] _logPriors = [];

    /// <summary>Configures the classifier.</summary>
    /// <param name="densityFactory">Creates one unfitted density estimator per class.</param>
    /// <param name="priors">Class priors (positive, summing to 1); null uses the training class frequencies.</param>
    /// <param name="loss">
    /// <c>loss[a, j]</c> = cost of deciding class a when the truth is j (K × K, finite, ≥ 0); null means 0-1 loss.
    /// </param>
    /// <param name="rejectThreshold">Reject when the largest posterior is below this (0 never rejects).</param>
    public BayesClassifier(Func<IDensityEstimator> densityFactory, double[]? priors = null, double[,]? loss = null, double rejectThreshold = 0)
    {
        ArgumentNullException.ThrowIfNull(densityFactory);
        if (priors is not null)
        {
            double sum = 0;
            for (int k = 0; k < priors.Length; k++)
            {
                if (!(priors[k] > 0) || !double.IsFinite(priors[k]))
                    throw new ArgumentException($"priors[{k}] is {priors[k]}; every prior must be a finite number greater than 0.", nameof(priors));
                sum += priors[k];
            }
            if (Math.Abs(sum - 1) > 1e-9) throw new ArgumentException($"priors sum to {sum}; expected 1.", nameof(priors));
        }
        if (loss is not null) BayesDecision.CheckLoss(loss, 0);
        if (!(rejectThreshold >= 0 && rejectThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(rejectThreshold), rejectThreshold, "rejectThreshold must be between 0 and 1.");
        _densityFactory = densityFactory;
        _givenPriors = priors is null ? null : (double[])priors.Clone();
        Loss = loss is null ? null : (double[,])loss.Clone();
        RejectThreshold = rejectThreshold;
    }

    /// <summary>The loss matrix (null for 0-1 loss).</summary>
    public double[,]? Loss { get; }

    /// <summary>The reject threshold on the largest posterior.</summary>
    public double RejectThreshold { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted { get; private set; }

    /// <summary>The fitted class-conditional densities, one per class.</summary>
    public IReadOnlyList<IDensityEstimator> Densities => _densities;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Malformed samples or labels, a class without rows, or priors or a loss
    /// matrix whose size is not the number of classes.</exception>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int classes = Require.AtLeastTwoClasses(labels, rows, nameof(labels));
        if (_givenPriors is not null && _givenPriors.Length != classes)
            throw new ArgumentException($"priors has {_givenPriors.Length} values but labels hold {classes} classes.", "priors");
        if (Loss is not null) BayesDecision.CheckLoss(Loss, classes);
        var counts = new int[classes];
        foreach (int label in labels) counts[label]++;
        for (int k = 0; k < classes; k++)
        {
            if (counts[k] == 0)
                throw new ArgumentException($"labels never use class {k} (classes are 0..{classes - 1}); every class needs at least one row.", nameof(labels));
        }

        var densities = new IDensityEstimator[classes];
        for (int k = 0; k < classes; k++)
        {
            var rowsOfClass = new float[counts[k] * featureCount];
            int at = 0;
            for (int r = 0; r < rows; r++)
            {
                if (labels[r] != k) continue;
                samples.Slice(r * featureCount, featureCount).CopyTo(rowsOfClass.AsSpan(at));
                at += featureCount;
            }
            densities[k] = _densityFactory() ?? throw new InvalidOperationException("densityFactory returned null.");
            densities[k].Fit(rowsOfClass, featureCount);
        }

        var logPriors = new double[classes];
        for (int k = 0; k < classes; k++) logPriors[k] = Math.Log(_givenPriors?[k] ?? (double)counts[k] / rows);
        _densities = densities;
        _logPriors = logPriors;
        FeatureCount = featureCount;
        ClassCount = classes;
        IsFitted = true;
    }

    /// <summary>Writes the class posteriors <c>P(k | x)</c> of one sample.</summary>
    public void Posteriors(ReadOnlySpan<float> sample, Span<double> posteriors)
    {
        Require.Fitted(IsFitted, nameof(BayesClassifier));
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        Require.Finite(sample, FeatureCount, nameof(sample));
        Require.Length<double>(posteriors, ClassCount, nameof(posteriors), "one per class");
        PosteriorsUnchecked(sample, posteriors);
    }

    private void PosteriorsUnchecked(ReadOnlySpan<float> sample, Span<double> posteriors)
    {
        for (int k = 0; k < ClassCount; k++)
        {
            _densities[k].ScoreSamples(sample, posteriors.Slice(k, 1));
            posteriors[k] += _logPriors[k];
        }
        if (double.IsNegativeInfinity(DensityMath.LogSumExp(posteriors)))
            _logPriors.CopyTo(posteriors);
        DensityMath.Normalize(posteriors);
    }

    /// <inheritdoc/>
    /// <returns>The decided class, or <see cref="BayesDecision.Reject"/> (−1).</returns>
    public int Predict(ReadOnlySpan<float> sample)
    {
        Require.Fitted(IsFitted, nameof(BayesClassifier));
        Require.Length(sample, FeatureCount, nameof(sample), "one sample");
        Require.Finite(sample, FeatureCount, nameof(sample));
        Span<double> posteriors = stackalloc double[ClassCount];
        PosteriorsUnchecked(sample, posteriors);
        return BayesDecision.DecideUnchecked(posteriors, Loss, RejectThreshold);
    }

    /// <inheritdoc/>
    /// <remarks>Rejected rows get <see cref="BayesDecision.Reject"/> (−1).</remarks>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        Require.Fitted(IsFitted, nameof(BayesClassifier));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<int>(labels, rows, nameof(labels), "one per row");
        Span<double> posteriors = stackalloc double[ClassCount];
        for (int r = 0; r < rows; r++)
        {
            PosteriorsUnchecked(samples.Slice(r * FeatureCount, FeatureCount), posteriors);
            labels[r] = BayesDecision.DecideUnchecked(posteriors, Loss, RejectThreshold);
        }
    }

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        Require.Fitted(IsFitted, nameof(BayesClassifier));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Length<float>(probabilities, rows * ClassCount, nameof(probabilities), "rows × ClassCount");
        Span<double> posteriors = stackalloc double[ClassCount];
        for (int r = 0; r < rows; r++)
        {
            PosteriorsUnchecked(samples.Slice(r * FeatureCount, FeatureCount), posteriors);
            for (int k = 0; k < ClassCount; k++) probabilities[r * ClassCount + k] = (float)posteriors[k];
        }
    }

    /// <summary>Classifies every row and counts rejections and errors among the accepted rows.</summary>
    public RejectReport Evaluate(ReadOnlySpan<float> samples, ReadOnlySpan<int> labels)
    {
        Require.Fitted(IsFitted, nameof(BayesClassifier));
        int rows = Require.FiniteRows(samples, FeatureCount, nameof(samples));
        Require.Labels(labels, rows, nameof(labels));
        Span<double> posteriors = stackalloc double[ClassCount];
        int rejected = 0, errors = 0;
        for (int r = 0; r < rows; r++)
        {
            PosteriorsUnchecked(samples.Slice(r * FeatureCount, FeatureCount), posteriors);
            int decision = BayesDecision.DecideUnchecked(posteriors, Loss, RejectThreshold);
            if (decision == BayesDecision.Reject) rejected++;
            else if (decision != labels[r]) errors++;
        }
        return new RejectReport(rows, rejected, errors);
    }
}
