namespace Specialized;

/// <summary>Quality measures over caller-owned spans.</summary>
public static class Metrics
{
    /// <summary>Fraction of positions where <paramref name="predicted"/> equals <paramref name="truth"/>.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> truth)
    {
        Require.Length(predicted, truth.Length, nameof(predicted), "one prediction per true label");
        if (truth.IsEmpty) throw new ArgumentException("truth is empty; accuracy needs at least one sample.", nameof(truth));
        int correct = 0;
        for (int i = 0; i < truth.Length; i++) if (predicted[i] == truth[i]) correct++;
        return (double)correct / truth.Length;
    }

    /// <summary>Index of the largest value of each row of <paramref name="scores"/> (first one on ties).</summary>
    public static void ArgMaxRows(ReadOnlySpan<float> scores, int columns, Span<int> result)
    {
        int rows = Require.Rows(scores, columns, nameof(scores));
        Require.Length<int>(result, rows, nameof(result), "one index per row");
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = scores.Slice(r * columns, columns);
            int best = 0;
            for (int c = 1; c < columns; c++) if (row[c] > row[best]) best = c;
            result[r] = best;
        }
    }
}
