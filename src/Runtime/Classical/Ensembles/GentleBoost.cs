namespace Specialized.Classical;

/// <summary>
/// GentleBoost (Friedman, Hastie and Tibshirani), the robust boosting variant: with targets
/// y ∈ {−1, +1}, each round fits a regression stump f_m by weighted least squares (a Newton step on
/// the exponential loss), adds it to F(x) = Σ f_m(x) and reweights w_i ← w_i·e^{−y_i f_m(x_i)}. Each
/// update is bounded by 1 in size, which is what makes it gentler than AdaBoost's ln((1−ε)/ε) on noisy
/// data. Two classes use one F (for class 1); K classes train one-versus-rest F_k. Posteriors:
/// P(y = 1 | x) = 1 / (1 + e^{−2F(x)}), normalized across the K one-versus-rest scores.
/// </summary>
public sealed class GentleBoost : IClassifier, IScoringClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private RegressionStump[]? _stumps;
    private int _committees;

    /// <summary>Creates an unfitted booster.</summary>
    /// <param name="rounds">Stumps per committee, at least 1.</param>
    public GentleBoost(int rounds = 100)
    {
        Require.InRange(rounds, 1, int.MaxValue);
        Rounds = rounds;
    }

    /// <summary>Stumps per committee.</summary>
    public int Rounds { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _stumps is not null;

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        var data = new PresortedSamples(samples, featureCount, labels, classes);
        int committees = classes == 2 ? 1 : classes;
        var stumps = new RegressionStump[committees * Rounds];
        var targets = new double[rows];
        var weights = new double[rows];
        for (int k = 0; k < committees; k++)
        {
            int positive = classes == 2 ? 1 : k;
            for (int i = 0; i < rows; i++) targets[i] = labels[i] == positive ? 1 : -1;
            weights.AsSpan().Fill(1.0 / rows);
            for (int m = 0; m < Rounds; m++)
            {
                var stump = RegressionStump.Fit(data, targets, weights);
                stumps[k * Rounds + m] = stump;
                double sum = 0;
                for (int i = 0; i < rows; i++)
                {
                    weights[i] *= Math.Exp(-targets[i] * stump.Evaluate(samples.Slice(i * featureCount, featureCount)));
                    sum += weights[i];
                }
                for (int i = 0; i < rows; i++) weights[i] /= sum;
            }
        }
        _stumps = stumps;
        _committees = committees;
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample) => ScoredPrediction.Predict(this, sample);

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels) => ScoredPrediction.Predict(this, samples, labels);

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(GentleBoost), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        Span<double> posterior = ClassCount <= 256 ? stackalloc double[ClassCount] : new double[ClassCount];
        for (int r = 0; r < rows; r++)
        {
            Posterior(samples.Slice(r * FeatureCount, FeatureCount), posterior);
            for (int k = 0; k < ClassCount; k++) probabilities[r * ClassCount + k] = (float)posterior[k];
        }
    }

    void IScoringClassifier.Score(ReadOnlySpan<float> sample, Span<double> scores) => Posterior(sample, scores);

    private void Posterior(ReadOnlySpan<float> sample, Span<double> posterior)
    {
        RegressionStump[] stumps = _stumps!;
        Span<double> scores = posterior;
        for (int k = 0; k < _committees; k++)
        {
            double f = 0;
            for (int m = 0; m < Rounds; m++) f += stumps[k * Rounds + m].Evaluate(sample);
            scores[_committees == 1 ? 1 : k] = 1 / (1 + Math.Exp(-2 * f));
        }
        if (_committees == 1)
        {
            posterior[0] = 1 - posterior[1];
            return;
        }
        double sum = 0;
        foreach (double p in posterior) sum += p;
        foreach (ref double p in posterior) p /= sum;
    }
}
