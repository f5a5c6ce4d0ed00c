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

    /// <summary>
    /// Adds class <paramref name="c"/>'s shares to the decision values of a block of <paramref name="count"/> samples:
    /// for every pair (i, j) that has c as one of its classes, <c>decisions[p·count + r] += Σ_s coef·K(v_s, x_r)</c> over
    /// the class's support vectors s (their coefficient row against the other class), as scaled kernel rows
    /// (<see cref="SvmSimd.AddTwoRows"/>, lane r for sample r). Not marked AggressiveOptimization, and its loops split
    /// over small methods, so a first batch runs it from a ReadyToRun image (or at tier 0) without a fully optimizing
    /// compile or an on-stack replacement on the calling thread.
    /// </summary>
    /// <param name="coefficients">(k − 1) × <paramref name="n"/> dual coefficients.</param>
    /// <param name="n">Number of support vectors of the machine.</param>
    /// <param name="c">The class.</param>
    /// <param name="k">Number of classes.</param>
    /// <param name="start">The class's first support vector.</param>
    /// <param name="kernelValues">The class's kernel rows: (its support vectors) × <paramref name="count"/> values.</param>
    /// <param name="count">Samples in the block.</param>
    /// <param name="decisions">k·(k − 1)/2 × <paramref name="count"/> decision values (before the intercepts), pairs in LIBSVM's order.</param>
    public static void AddClassShares(ReadOnlySpan<double> coefficients, int n, int c, int k, int start, ReadOnlySpan<float> kernelValues, int count, Span<double> decisions)
    {
        int vectors = kernelValues.Length / count;
        for (int other = 0; other < k; other++)
        {
            if (other == c) continue;
            // Fit's layout: against a later class j, class i's coefficients are row j − 1; against an earlier class i, row i.
            int row = other > c ? other - 1 : other;
            int i = c < other ? c : other, j = c < other ? other : c;
            int pair = i * (2 * k - i - 1) / 2 + j - i - 1;
            Share(coefficients.Slice(row * n + start, vectors), kernelValues, count, decisions.Slice(pair * count, count));
        }
    }

    // share[r] += Σ_s coefficients[s] · rows[s·count + r], two kernel rows per call; a last odd row goes with a zero
    // weight on itself (exact: adding a product with zero changes no bit of a finite sum).
    private static void Share(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> rows, int count, Span<double> share)
    {
        int s = 0;
        for (; s + 1 < coefficients.Length; s += 2)
            SvmSimd.AddTwoRows(share, rows.Slice(s * count, count), coefficients[s], rows.Slice((s + 1) * count, count), coefficients[s + 1], count);
        if (s < coefficients.Length)
            SvmSimd.AddTwoRows(share, rows.Slice(s * count, count), coefficients[s], rows.Slice(s * count, count), 0, count);
    }

    /// <summary>Each sample of a block votes as in <see cref="Vote"/>, from its decision values laid out [p·count + row].</summary>
    /// <param name="decisions">k·(k − 1)/2 × <paramref name="count"/> decision values before the intercepts.</param>
    /// <param name="count">Samples in the block.</param>
    /// <param name="rho">One intercept per pair.</param>
    /// <param name="votes">Scratch of k counts.</param>
    /// <param name="classes">The label of each class index.</param>
    /// <param name="predictions">One label per sample of the block.</param>
    public static void VoteBlock(ReadOnlySpan<double> decisions, int count, ReadOnlySpan<double> rho, Span<int> votes, ReadOnlySpan<int> classes, Span<int> predictions)
    {
        for (int row = 0; row < count; row++) predictions[row] = classes[VoteRow(decisions, count, row, rho, votes)];
    }

    // The vote of one sample of a block.
    private static int VoteRow(ReadOnlySpan<double> decisions, int count, int row, ReadOnlySpan<double> rho, Span<int> votes)
    {
        int k = votes.Length;
        votes.Clear();
        for (int i = 0, p = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++, p++)
            {
                double value = decisions[p * count + row] - rho[p];
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
