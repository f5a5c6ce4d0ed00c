namespace Specialized.Classical;

/// <summary>A classifier whose decision is the arg-max of one score per class.</summary>
internal interface IScoringClassifier : IClassifier
{
    /// <summary>Writes one score per class for <paramref name="sample"/>; larger means more likely.</summary>
    void Score(ReadOnlySpan<float> sample, Span<double> scores);
}

/// <summary>
/// The <c>Predict</c> methods every scoring classifier shares: check, score, take the arg-max (first
/// class on ties). Scores live on the stack up to 256 classes, so predicting allocates nothing.
/// </summary>
internal static class ScoredPrediction
{
    public static int Predict<TClassifier>(TClassifier classifier, ReadOnlySpan<float> sample) where TClassifier : IScoringClassifier
    {
        ClassifierArguments.Sample(classifier.IsFitted, typeof(TClassifier).Name, sample, classifier.FeatureCount);
        Span<double> scores = classifier.ClassCount <= 256 ? stackalloc double[classifier.ClassCount] : new double[classifier.ClassCount];
        classifier.Score(sample, scores);
        return ClassifierArguments.ArgMax(scores);
    }

    public static void Predict<TClassifier>(TClassifier classifier, ReadOnlySpan<float> samples, Span<int> labels) where TClassifier : IScoringClassifier
    {
        int features = classifier.FeatureCount;
        int rows = ClassifierArguments.Batch(classifier.IsFitted, typeof(TClassifier).Name, samples, features, labels, 1, nameof(labels));
        Span<double> scores = classifier.ClassCount <= 256 ? stackalloc double[classifier.ClassCount] : new double[classifier.ClassCount];
        for (int r = 0; r < rows; r++)
        {
            classifier.Score(samples.Slice(r * features, features), scores);
            labels[r] = ClassifierArguments.ArgMax(scores);
        }
    }
}
