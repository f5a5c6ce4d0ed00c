namespace Specialized.Classical;

/// <summary>
/// The shape every classical classifier shares. Samples are row-major
/// (<c>rows × FeatureCount</c> floats), labels are class indices in <c>[0, ClassCount)</c>.
/// <c>Fit</c> allocates what the model keeps; the predict methods write into caller-owned spans
/// and allocate nothing. A method called before <c>Fit</c> throws <see cref="InvalidOperationException"/>.
/// Fit one instance from one thread at a time: a second <c>Fit</c> on the same instance while one is
/// running throws <see cref="InvalidOperationException"/>.
/// </summary>
public interface IClassifier
{
    /// <summary>Features per sample, fixed by <c>Fit</c>.</summary>
    int FeatureCount { get; }

    /// <summary>Number of classes, fixed by <c>Fit</c> (largest training label + 1).</summary>
    int ClassCount { get; }

    /// <summary>Whether <c>Fit</c> has completed.</summary>
    bool IsFitted { get; }

    /// <summary>Learns from <paramref name="samples"/> (rows × <paramref name="featureCount"/>) and one label per row.</summary>
    void Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels);

    /// <summary>The predicted class of one sample of <see cref="FeatureCount"/> features.</summary>
    int Predict(ReadOnlySpan<float> sample);

    /// <summary>Predicts every row of <paramref name="samples"/> into <paramref name="labels"/>.</summary>
    void Predict(ReadOnlySpan<float> samples, Span<int> labels);

    /// <summary>
    /// Writes each row's class posteriors (rows × <see cref="ClassCount"/>, each row summing to 1)
    /// into <paramref name="probabilities"/>.
    /// </summary>
    void PredictProbabilities(ReadOnlySpan<float> samples, Span<float> probabilities);
}
