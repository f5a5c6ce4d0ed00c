namespace Specialized.Classical;

/// <summary>Small numerical pieces the density estimators share.</summary>
internal static class DensityMath
{
    /// <summary>log(2π).</summary>
    public const double LogTwoPi = 1.8378770664093453;

    /// <summary>log of the volume of the unit ball in <paramref name="dimensions"/> dimensions: π^(d/2) / Γ(d/2 + 1).</summary>
    public static double LogUnitBallVolume(int dimensions) => 0.5 * dimensions * Math.Log(Math.PI) - LogGamma(0.5 * dimensions + 1);

    /// <summary>log Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms: about 15 significant digits).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < c.Length; i++) sum += c[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * LogTwoPi + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>log Σ exp(values), stable against overflow and underflow; −∞ for all −∞ inputs.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values) if (v > max) max = v;
        if (double.IsNegativeInfinity(max) || double.IsPositiveInfinity(max)) return max;
        double sum = 0;
        foreach (double v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>
    /// Turns log-scores into probabilities in place (softmax) and returns their log-sum-exp. When
    /// every score is −∞ the probabilities are left uniform.
    /// </summary>
    public static double Normalize(Span<double> logScores)
    {
        double total = LogSumExp(logScores);
        if (double.IsNegativeInfinity(total))
        {
            logScores.Fill(1.0 / logScores.Length);
            return total;
        }
        for (int i = 0; i < logScores.Length; i++) logScores[i] = Math.Exp(logScores[i] - total);
        return total;
    }
}
