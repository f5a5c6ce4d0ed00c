namespace Specialized.Classical;

/// <summary>
/// AdaBoost with decision stumps, as the course states it, extended to K classes as SAMME:
/// start with equal weights w_i = 1/N; in round m fit a stump to the weighted samples, take its
/// weighted error ε_m = Σ w_i [h_m(x_i) ≠ y_i] / Σ w_i, give it the vote α_m = ln((1 − ε_m)/ε_m) + ln(K − 1)
/// (the second term is 0 for two classes), multiply the weights of the samples it got wrong by e^{α_m}
/// and renormalize. Predict argmax_k Σ_m α_m [h_m(x) = k]. Boosting stops early when a stump is perfect
/// (ε = 0, kept with α = 1) or no better than chance (ε ≥ 1 − 1/K, discarded).
/// The stumps are depth-1 CART trees chosen by weighted Gini impurity, as scikit-learn's AdaBoostClassifier uses.
/// </summary>
public sealed class AdaBoost : IClassifier, IScoringClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private FlatTree[]? _stumps;
    private double[] _alphas = [];
    private double[] _errors = [];

    /// <summary>Creates an unfitted booster.</summary>
    /// <param name="rounds">Most stumps to train, at least 1 ("n_estimators").</param>
    /// <param name="maxDepth">Depth of each weak tree, at least 1; 1 is a stump.</param>
    /// <param name="criterion">Impurity the weak trees minimize.</param>
    /// <param name="seed">Seeds the order features are tried in (ties between equally good stumps).</param>
    public AdaBoost(int rounds = 50, int maxDepth = 1, SplitCriterion criterion = SplitCriterion.Gini, int seed = 0)
    {
        Require.InRange(rounds, 1, int.MaxValue);
        Require.InRange(maxDepth, 1, int.MaxValue);
        Rounds = rounds;
        MaxDepth = maxDepth;
        Criterion = criterion;
        Seed = seed;
    }

    /// <summary>Most rounds of boosting.</summary>
    public int Rounds { get; }

    /// <summary>Depth of each weak tree.</summary>
    public int MaxDepth { get; }

    /// <summary>Impurity of the weak trees.</summary>
    public SplitCriterion Criterion { get; }

    /// <summary>Seed of the feature order.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _stumps is not null;

    /// <summary>The vote α_m of every kept stump.</summary>
    public IReadOnlyList<double> StumpWeights => IsFitted ? _alphas : throw NotFitted();

    /// <summary>The weighted training error ε_m of every kept stump.</summary>
    public IReadOnlyList<double> StumpErrors => IsFitted ? _errors : throw NotFitted();

    /// <inheritdoc/>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        var data = new PresortedSamples(samples, featureCount, labels, classes);
        var builder = new TreeBuilder(data, DecisionTree.Settings(Criterion, MaxDepth, 2, 1, 0, featureCount));
        var weights = new double[rows];
        weights.AsSpan().Fill(1.0 / rows);
        var wrong = new bool[rows];
        var stumps = new List<FlatTree>();
        var alphas = new List<double>();
        var errors = new List<double>();
        for (int m = 0; m < Rounds; m++)
        {
            var random = TreeRandom.ForStream(Seed, m);
            FlatTree stump = builder.Build(weights, ref random).Compile();
            double error = 0, total = 0;
            for (int i = 0; i < rows; i++)
            {
                wrong[i] = stump.LeafClass(stump.LeafOf(samples.Slice(i * featureCount, featureCount))) != labels[i];
                if (wrong[i]) error += weights[i];
                total += weights[i];
            }
            error /= total;
            if (error <= 0)
            {
                stumps.Add(stump);
                alphas.Add(1);
                errors.Add(0);
                break;
            }
            if (error >= 1 - 1.0 / classes)
            {
                if (stumps.Count == 0)
                    throw new InvalidOperationException($"The first stump's weighted error {error:G4} is no better than chance (1 − 1/{classes}); boosting cannot start on these samples.");
                break;
            }
            double alpha = Math.Log((1 - error) / error) + Math.Log(classes - 1);
            stumps.Add(stump);
            alphas.Add(alpha);
            errors.Add(error);
            double factor = Math.Exp(alpha), sum = 0;
            for (int i = 0; i < rows; i++)
            {
                if (wrong[i]) weights[i] *= factor;
                sum += weights[i];
            }
            for (int i = 0; i < rows; i++) weights[i] /= sum;
        }
        _stumps = [.. stumps];
        _alphas = [.. alphas];
        _errors = [.. errors];
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample) => ScoredPrediction.Predict(this, sample);

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels) => ScoredPrediction.Predict(this, samples, labels);

    /// <inheritdoc/>
    /// <remarks>
    /// As scikit-learn's SAMME: the α-weighted votes normalized by Σα, divided by K − 1, through a softmax.
    /// </remarks>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(AdaBoost), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        Span<double> votes = ClassCount <= 256 ? stackalloc double[ClassCount] : new double[ClassCount];
        double alphaSum = 0;
        foreach (double alpha in _alphas) alphaSum += alpha;
        for (int r = 0; r < rows; r++)
        {
            Vote(samples.Slice(r * FeatureCount, FeatureCount), votes);
            foreach (ref double v in votes) v /= alphaSum * Math.Max(ClassCount - 1, 1);
            ClassifierArguments.Softmax(votes);
            for (int k = 0; k < ClassCount; k++) probabilities[r * ClassCount + k] = (float)votes[k];
        }
    }

    void IScoringClassifier.Score(ReadOnlySpan<float> sample, Span<double> scores) => Vote(sample, scores);

    private void Vote(ReadOnlySpan<float> sample, Span<double> votes)
    {
        votes.Clear();
        FlatTree[] stumps = _stumps!;
        for (int m = 0; m < stumps.Length; m++) votes[stumps[m].LeafClass(stumps[m].LeafOf(sample))] += _alphas[m];
    }

    private static InvalidOperationException NotFitted() =>
        new($"This {nameof(AdaBoost)} has not been fitted yet; call Fit before reading its results.");
}
