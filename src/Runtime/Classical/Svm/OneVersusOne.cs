using System.Runtime.CompilerServices;

namespace Specialized;

/// <summary>
/// LIBSVM's one-vs-one decision from one sample's kernel values: each pair (i, j), i &lt; j, gets
/// f = share_i + share_j − ρ (the shares from <see cref="SvmSimd.PartialSums"/>) and votes for i when f &gt; 0,
/// else for j; the most votes win, ties going to the lower class. Not generic over the kernel, so it is
/// compiled once for every machine (and can be precompiled), not once per declared SVM.
/// </summary>
internal static class OneVersusOne
{
    /// <summary>Fills <paramref name="votes"/> (one count per class) and returns the winning class index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per predicted sample, from the first one
    public static int Vote(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> kernelValues, ReadOnlySpan<int> starts, ReadOnlySpan<int> counts,
        ReadOnlySpan<double> rho, Span<double> partial, Span<int> votes)
    {
        int k = starts.Length;
        SvmSimd.PartialSums(coefficients, kernelValues, starts, counts, partial);
        votes.Clear();
        for (int i = 0, p = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++, p++)
            {
                double value = partial[i * (k - 1) + j - 1] + partial[j * (k - 1) + i] - rho[p];
                votes[value > 0 ? i : j]++;
            }
        }
        int best = 0;
        for (int c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
        return best;
    }

    /// <summary>One decision value per pair of classes, in LIBSVM's order (0,1), (0,2), …, (1,2), ….</summary>
    public static void DecisionValues(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> kernelValues, ReadOnlySpan<int> starts, ReadOnlySpan<int> counts,
        ReadOnlySpan<double> rho, Span<double> partial, Span<double> values)
    {
        int k = starts.Length;
        SvmSimd.PartialSums(coefficients, kernelValues, starts, counts, partial);
        for (int i = 0, p = 0; i < k; i++)
            for (int j = i + 1; j < k; j++, p++)
                values[p] = partial[i * (k - 1) + j - 1] + partial[j * (k - 1) + i] - rho[p];
    }
}
