using System.Runtime.CompilerServices;

namespace Specialized.Classical;

/// <summary>
/// The argument checks every discriminative classifier runs, in one place so that all of them
/// reject the same mistakes with the same messages, before touching any state.
/// </summary>
internal static class ClassifierArguments
{
    /// <summary>Checks training samples and labels; returns (rows, classes).</summary>
    public static (int Rows, int Classes) Fit(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        int rows = Require.FiniteRows(samples, featureCount, nameof(samples));
        int classes = Require.AtLeastTwoClasses(labels, rows, nameof(labels));
        return (rows, classes);
    }

    /// <summary>Checks one sample to classify.</summary>
    public static void Sample(bool isFitted, string typeName, ReadOnlySpan<float> sample, int featureCount)
    {
        Require.Fitted(isFitted, typeName);
        Require.Length(sample, featureCount, nameof(sample), "one value per feature");
    }

    /// <summary>Checks a block of samples and an output span of <paramref name="perRow"/> values per row; returns the row count.</summary>
    // Inlined: a call would instantiate it over each output type at the first prediction (Require's remarks).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Batch<T>(bool isFitted, string typeName, ReadOnlySpan<float> samples, int featureCount, Span<T> output, int perRow, string outputName)
    {
        Require.Fitted(isFitted, typeName);
        int rows = Require.Rows(samples, featureCount, nameof(samples));
        Require.Length<T>(output, rows * perRow, outputName, perRow == 1 ? "one per sample row" : "one per sample row and class");
        return rows;
    }

    /// <summary>Index of the largest value (first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Index of the largest value (first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Replaces scores by their softmax, stably (largest score subtracted first).</summary>
    public static void Softmax(Span<double> scores)
    {
        double max = double.NegativeInfinity;
        foreach (double s in scores) max = Math.Max(max, s);
        double sum = 0;
        for (int i = 0; i < scores.Length; i++) { scores[i] = Math.Exp(scores[i] - max); sum += scores[i]; }
        for (int i = 0; i < scores.Length; i++) scores[i] /= sum;
    }
}
