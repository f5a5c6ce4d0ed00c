namespace Specialized.Classical;

/// <summary>
/// Bayes decision rules on class posteriors: the action of minimum expected loss under a loss
/// matrix, and the reject option (refuse to decide when the largest posterior is below a threshold,
/// Chow's rule).
/// </summary>
public static class BayesDecision
{
    /// <summary>The decision returned when the reject option refuses to classify.</summary>
    public const int Reject = -1;

    /// <summary>
    /// Chooses the class <c>a</c> minimizing the expected loss <c>Σ_j loss[a, j]·P(j | x)</c>, where
    /// <c>loss[a, j]</c> is the cost of deciding <c>a</c> when the truth is <c>j</c>; without a loss matrix,
    /// the 0-1 loss (the largest posterior). Returns <see cref="Reject"/> when the largest posterior is
    /// below <paramref name="rejectThreshold"/>. Ties go to the lower class index.
    /// </summary>
    /// <exception cref="ArgumentException">The loss matrix is not K × K for K posteriors.</exception>
    public static int Decide(ReadOnlySpan<double> posteriors, double[,]? loss = null, double rejectThreshold = 0)
    {
        if (posteriors.IsEmpty) throw new ArgumentException("posteriors is empty; expected one probability per class.", nameof(posteriors));
        if (loss is not null) CheckLoss(loss, posteriors.Length);
        return DecideUnchecked(posteriors, loss, rejectThreshold);
    }

    /// <summary>The expected loss <c>Σ_j loss[action, j]·P(j | x)</c> of deciding <paramref name="action"/>.</summary>
    public static double ExpectedLoss(ReadOnlySpan<double> posteriors, double[,] loss, int action)
    {
        ArgumentNullException.ThrowIfNull(loss);
        CheckLoss(loss, posteriors.Length);
        Require.InRange(action, 0, posteriors.Length - 1);
        double sum = 0;
        for (int j = 0; j < posteriors.Length; j++) sum += loss[action, j] * posteriors[j];
        return sum;
    }

    internal static int DecideUnchecked(ReadOnlySpan<double> posteriors, double[,]? loss, double rejectThreshold)
    {
        int likeliest = 0;
        for (int k = 1; k < posteriors.Length; k++) if (posteriors[k] > posteriors[likeliest]) likeliest = k;
        if (posteriors[likeliest] < rejectThreshold) return Reject;
        if (loss is null) return likeliest;
        int best = 0;
        double bestLoss = double.PositiveInfinity;
        for (int a = 0; a < posteriors.Length; a++)
        {
            double expected = 0;
            for (int j = 0; j < posteriors.Length; j++) expected += loss[a, j] * posteriors[j];
            if (expected < bestLoss)
            {
                bestLoss = expected;
                best = a;
            }
        }
        return best;
    }

    /// <summary>Checks a loss matrix's values (finite, ≥ 0) and, when <paramref name="classCount"/> &gt; 0, its size.</summary>
    internal static void CheckLoss(double[,] loss, int classCount, string paramName = "loss")
    {
        int rows = loss.GetLength(0), columns = loss.GetLength(1);
        if (rows != columns || (classCount > 0 && rows != classCount))
        {
            string expected = classCount > 0 ? $"{classCount} × {classCount} (one row per decision, one column per true class)" : "square";
            throw new ArgumentException($"{paramName} is {rows} × {columns}; expected {expected}.", paramName);
        }
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                if (!(loss[i, j] >= 0) || !double.IsFinite(loss[i, j]))
                    throw new ArgumentException($"{paramName}[{i}, {j}] is {loss[i, j]}; every loss must be a finite number of 0 or more.", paramName);
            }
    }
}
