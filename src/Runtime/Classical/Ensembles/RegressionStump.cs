namespace Specialized.Classical;

/// <summary>A weighted least-squares stump: f(x) = Left when x_Feature ≤ Threshold, else Right.</summary>
internal readonly record struct RegressionStump(int Feature, float Threshold, double Left, double Right)
{
    public double Evaluate(ReadOnlySpan<float> sample) => sample[Feature] <= Threshold ? Left : Right;

    /// <summary>
    /// Fits the stump minimizing Σ w_i (y_i − f(x_i))² over every feature and threshold: with running
    /// sums of w and w·y on the left, the error is Σw y² − S_L²/W_L − S_R²/W_R, so the scan maximizes
    /// S_L²/W_L + S_R²/W_R. Each side's value is its weighted mean of y.
    /// </summary>
    public static RegressionStump Fit(PresortedSamples data, ReadOnlySpan<double> targets, ReadOnlySpan<double> weights)
    {
        int n = data.Rows;
        double totalWeight = 0, totalSum = 0;
        for (int i = 0; i < n; i++)
        {
            totalWeight += weights[i];
            totalSum += weights[i] * targets[i];
        }
        double constant = totalSum / totalWeight;
        var best = new RegressionStump(0, float.PositiveInfinity, constant, constant);
        double bestScore = totalSum * totalSum / totalWeight;
        for (int f = 0; f < data.Features; f++)
        {
            ReadOnlySpan<int> order = data.Order.AsSpan(f * n, n);
            ReadOnlySpan<float> column = data.Columns.AsSpan(f * n, n);
            double weightLeft = 0, sumLeft = 0;
            for (int p = 0; p < n - 1; p++)
            {
                int s = order[p];
                weightLeft += weights[s];
                sumLeft += weights[s] * targets[s];
                float value = column[s], next = column[order[p + 1]];
                if (next <= value + 1e-7f) continue;
                double weightRight = totalWeight - weightLeft, sumRight = totalSum - sumLeft;
                if (weightLeft <= 0 || weightRight <= 0) continue;
                double score = sumLeft * sumLeft / weightLeft + sumRight * sumRight / weightRight;
                if (score > bestScore * (1 + 1e-12))
                {
                    bestScore = score;
                    float threshold = value / 2 + next / 2;
                    if (threshold >= next) threshold = value;
                    best = new RegressionStump(f, threshold, sumLeft / weightLeft, sumRight / weightRight);
                }
            }
        }
        return best;
    }
}
