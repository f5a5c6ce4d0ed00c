namespace Specialized.Classical;

/// <summary>
/// A committee: p(k | x) = Σ_h π_h p(k | x, h), the average of its members' posteriors weighted by
/// π (Bayesian model averaging over the members as the course frames it; equal π by default).
/// Members may be fitted beforehand, or together by <see cref="Fit"/>. Predicting allocates nothing:
/// members' posteriors go through a stack buffer, a block of rows at a time.
/// </summary>
public sealed class Committee : IClassifier
{
    private readonly ExclusiveUse _exclusive = new();
    private const int BufferFloats = 1024;
    private readonly IClassifier[] _members;
    private readonly double[] _weights;

    /// <summary>A committee of <paramref name="members"/> with equal weights.</summary>
    public Committee(params IClassifier[] members)
        : this(members, null)
    {
    }

    /// <summary>A committee of <paramref name="members"/> weighted by <paramref name="weights"/> (normalized to sum to 1).</summary>
    public Committee(IReadOnlyList<IClassifier> members, IReadOnlyList<double>? weights)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0) throw new ArgumentException("members is empty; a committee needs at least one classifier.", nameof(members));
        for (int i = 0; i < members.Count; i++)
        {
            if (members[i] is null) throw new ArgumentNullException(nameof(members), $"members[{i}] is null.");
        }
        if (weights is not null)
        {
            if (weights.Count != members.Count)
                throw new ArgumentException($"weights has {weights.Count} values; expected one per member ({members.Count}).", nameof(weights));
            foreach (double w in weights) Require.NonNegative(w, nameof(weights));
            if (weights.Sum() <= 0) throw new ArgumentException("weights sum to 0; at least one member needs a positive weight.", nameof(weights));
        }
        _members = [.. members];
        double total = weights?.Sum() ?? members.Count;
        _weights = weights is null ? Enumerable.Repeat(1.0 / members.Count, members.Count).ToArray() : weights.Select(w => w / total).ToArray();
    }

    /// <summary>The members, in order.</summary>
    public IReadOnlyList<IClassifier> Members => _members;

    /// <summary>The normalized member weights π_h.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <inheritdoc/>
    public int FeatureCount => _members[0].FeatureCount;

    /// <inheritdoc/>
    /// <remarks>Read from the first member; <see cref="IsFitted"/> checks that all agree.</remarks>
    public int ClassCount => _members[0].ClassCount;

    /// <inheritdoc/>
    /// <remarks>True when every member is fitted with the same features and classes.</remarks>
    public bool IsFitted
    {
        get
        {
            foreach (IClassifier member in _members)
            {
                if (!member.IsFitted || member.FeatureCount != _members[0].FeatureCount || member.ClassCount != _members[0].ClassCount) return false;
            }
            return true;
        }
    }

    /// <summary>Fits every member on the same samples, in order.</summary>
    public void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        using var _ = _exclusive.Enter(this, nameof(Fit));
        ClassifierArguments.Fit(samples, featureCount, labels);
        foreach (IClassifier member in _members) member.Fit(samples, featureCount, labels);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> sample)
    {
        CheckFitted();
        ClassifierArguments.Sample(true, nameof(Committee), sample, FeatureCount);
        Span<float> posterior = stackalloc float[BufferFloats];
        posterior = posterior[..ClassCount];
        Average(sample, posterior);
        return ClassifierArguments.ArgMax(posterior);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> samples, Span<int> labels)
    {
        CheckFitted();
        int rows = ClassifierArguments.Batch(true, nameof(Committee), samples, FeatureCount, labels, 1, nameof(labels));
        Span<float> posterior = stackalloc float[BufferFloats];
        posterior = posterior[..ClassCount];
        for (int r = 0; r < rows; r++)
        {
            Average(samples.Slice(r * FeatureCount, FeatureCount), posterior);
            labels[r] = ClassifierArguments.ArgMax(posterior);
        }
    }

    /// <inheritdoc/>
    public void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities)
    {
        CheckFitted();
        int classes = ClassCount;
        int rows = ClassifierArguments.Batch(true, nameof(Committee), samples, FeatureCount, probabilities, classes, nameof(probabilities));
        int block = BufferFloats / classes;
        Span<float> buffer = stackalloc float[BufferFloats];
        probabilities.Clear();
        for (int start = 0; start < rows; start += block)
        {
            int count = Math.Min(block, rows - start);
            ReadOnlySpan<float> rowsIn = samples.Slice(start * FeatureCount, count * FeatureCount);
            Span<float> output = probabilities.Slice(start * classes, count * classes);
            Span<float> memberOutput = buffer[..(count * classes)];
            for (int h = 0; h < _members.Length; h++)
            {
                _members[h].PredictProbabilities(rowsIn, memberOutput);
                float weight = (float)_weights[h];
                for (int i = 0; i < output.Length; i++) output[i] += weight * memberOutput[i];
            }
        }
    }

    private void Average(ReadOnlySpan<float> sample, Span<float> posterior)
    {
        Span<float> buffer = stackalloc float[BufferFloats];
        buffer = buffer[..posterior.Length];
        posterior.Clear();
        for (int h = 0; h < _members.Length; h++)
        {
            _members[h].PredictProbabilities(sample, buffer);
            float weight = (float)_weights[h];
            for (int k = 0; k < posterior.Length; k++) posterior[k] += weight * buffer[k];
        }
    }

    private void CheckFitted()
    {
        if (!IsFitted)
            throw new InvalidOperationException("This Committee is not fitted: every member must be fitted, on the same number of features and classes. Call Fit or fit the members first.");
        if (ClassCount > BufferFloats)
            throw new InvalidOperationException($"The members have {ClassCount} classes; a committee handles at most {BufferFloats}.");
    }
}
