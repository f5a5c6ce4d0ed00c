using System.Runtime.CompilerServices;
namespace Specialized.Classical;

/// <summary>
/// Rosenblatt's perceptron with the course's learning rule: visit the samples (shuffled each epoch)
/// and, for each one misclassified (t·wᵀφ ≤ 0 with t ∈ {−1, +1}, φ = [1, x]), update w ← w + η·t·φ.
/// On separable data this stops when an epoch makes no mistake. For data that is not separable the
/// weights never settle, so it runs the pocket algorithm: it keeps the weights with the fewest
/// training errors seen at the end of any epoch and stops after <c>patience</c> epochs without a
/// new best (or <c>maxEpochs</c>). K &gt; 2 classes train one perceptron per class (one versus rest)
/// and predict the class with the largest wᵀφ.
/// </summary>
public sealed class Perceptron : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private double[]? _weights;
    private int _units;

    /// <summary>Creates an unfitted perceptron.</summary>
    /// <param name="learningRate">η, greater than 0 ("eta0").</param>
    /// <param name="maxEpochs">Most passes over the data, at least 1 ("max_iter").</param>
    /// <param name="patience">Epochs without fewer training errors before stopping, at least 1 ("n_iter_no_change").</param>
    /// <param name="seed">Seed of the per-epoch shuffles.</param>
    public Perceptron(double learningRate = 1, int maxEpochs = 1000, int patience = 5, int seed = 0)
    {
        Require.Positive(learningRate);
        Require.InRange(maxEpochs, 1, int.MaxValue);
        Require.InRange(patience, 1, int.MaxValue);
        LearningRate = learningRate;
        MaxEpochs = maxEpochs;
        Patience = patience;
        Seed = seed;
    }

    /// <summary>The learning rate η.</summary>
    public double LearningRate { get; }

    /// <summary>Most epochs.</summary>
    public int MaxEpochs { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Seed of the shuffles.</summary>
    public int Seed { get; }

    /// <summary>Epochs run by the last fit (the largest over one-versus-rest units).</summary>
    public int EpochsRun { get; private set; }

    /// <inheritdoc/>
    public int FeatureCount { get; private set; }

    /// <inheritdoc/>
    public int ClassCount { get; private set; }

    /// <inheritdoc/>
    public bool IsFitted => _weights is not null;

    /// <summary>Pocket weights, one row [bias, w…] per unit (one unit for two classes, for class 1).</summary>
    public IReadOnlyList<double> Weights => _weights ?? throw new InvalidOperationException("This Perceptron has not been fitted yet; call Fit first.");

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        var (rows, classes) = ClassifierArguments.Fit(samples, featureCount, labels);
        int units = classes == 2 ? 1 : classes;
        int width = featureCount + 1;
        var weights = new double[units * width];
        var current = new double[width];
        var order = Enumerable.Range(0, rows).ToArray();
        var targets = new int[rows];
        int epochsRun = 0;
        for (int u = 0; u < units; u++)
        {
            int positive = classes == 2 ? 1 : u;
            for (int i = 0; i < rows; i++) targets[i] = labels[i] == positive ? 1 : -1;
            var random = new Random(unchecked(Seed * 1_000_003 + u)); // HashCode.Combine would differ per process
            Array.Clear(current);
            Span<double> pocket = weights.AsSpan(u * width, width);
            int bestErrors = int.MaxValue, sinceBest = 0, epoch = 0;
            while (epoch < MaxEpochs)
            {
                epoch++;
                random.Shuffle(order);
                foreach (int i in order)
                {
                    ReadOnlySpan<float> x = samples.Slice(i * featureCount, featureCount);
                    if (targets[i] * Activation(current, x) > 0) continue;
                    double step = LearningRate * targets[i];
                    current[0] += step;
                    for (int f = 0; f < featureCount; f++) current[f + 1] += step * x[f];
                }
                int errors = 0;
                for (int i = 0; i < rows; i++)
                {
                    if (targets[i] * Activation(current, samples.Slice(i * featureCount, featureCount)) <= 0) errors++;
                }
                if (errors < bestErrors)
                {
                    bestErrors = errors;
                    sinceBest = 0;
                    current.CopyTo(pocket);
                }
                else if (++sinceBest >= Patience)
                {
                    break;
                }
                if (errors == 0) break;
            }
            epochsRun = Math.Max(epochsRun, epoch);
        }
        _weights = weights;
        _units = units;
        EpochsRun = epochsRun;
        FeatureCount = featureCount;
        ClassCount = classes;
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        ClassifierArguments.Sample(IsFitted, nameof(Perceptron), sample, FeatureCount);
        return Classify(sample);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(Perceptron), samples, FeatureCount, labels, 1, nameof(labels));
        for (int r = 0; r < rows; r++) labels[r] = Classify(samples.Slice(r * FeatureCount, FeatureCount));
    }

    /// <inheritdoc/>
    /// <remarks>The perceptron gives no probabilities: the predicted class gets 1, the others 0.</remarks>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        int rows = ClassifierArguments.Batch(IsFitted, nameof(Perceptron), samples, FeatureCount, probabilities, ClassCount, nameof(probabilities));
        probabilities.Clear();
        for (int r = 0; r < rows; r++) probabilities[r * ClassCount + Classify(samples.Slice(r * FeatureCount, FeatureCount))] = 1;
    }

    private int Classify(ReadOnlySpan<float> sample)
    {
        int width = FeatureCount + 1;
        if (_units == 1) return Activation(_weights.AsSpan(0, width), sample) > 0 ? 1 : 0;
        int best = 0;
        double bestActivation = double.NegativeInfinity;
        for (int u = 0; u < _units; u++)
        {
            double a = Activation(_weights.AsSpan(u * width, width), sample);
            if (a > bestActivation) { bestActivation = a; best = u; }
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Activation(ReadOnlySpan<double> w, ReadOnlySpan<float> x)
    {
        double sum = w[0];
        for (int f = 0; f < x.Length; f++) sum += w[f + 1] * x[f];
        return sum;
    }
}
