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
    /// Predicts a block of <paramref name="count"/> samples from their kernel values against every support vector,
    /// <paramref name="kernelBlock"/>[s·count + r] = K(v_s, x_r): the shares of each class c and coefficient row r are
    /// accumulated for all the block's rows at once as scaled kernel rows (<see cref="SvmSimd.AddTwoRows"/>, lane r
    /// for sample r), then each sample votes as in <see cref="Vote"/>. Not marked AggressiveOptimization, and
    /// its loops split over small methods, so a first batch runs it at tier 0 (or from a ReadyToRun image)
    /// without a fully optimizing compile or an on-stack replacement on the calling thread.
    /// </summary>
    /// <param name="coefficients">(k − 1) × n dual coefficients.</param>
    /// <param name="kernelBlock">n × <paramref name="count"/> kernel values.</param>
    /// <param name="count">Samples in the block.</param>
    /// <param name="starts">First support vector of each class.</param>
    /// <param name="counts">Support vectors of each class.</param>
    /// <param name="rho">One intercept per pair.</param>
    /// <param name="shares">Scratch of at least k·(k − 1)·<paramref name="count"/> doubles.</param>
    /// <param name="votes">Scratch of k counts.</param>
    /// <param name="classes">The label of each class index.</param>
    /// <param name="predictions">One label per sample of the block.</param>
    public static void VoteBlock(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> kernelBlock, int count, ReadOnlySpan<int> starts,
        ReadOnlySpan<int> counts, ReadOnlySpan<double> rho, Span<double> shares, Span<int> votes, ReadOnlySpan<int> classes, Span<int> predictions)
    {
        int k = starts.Length, n = kernelBlock.Length / count;
        for (int c = 0; c < k; c++)
            for (int r = 0; r < k - 1; r++)
                Share(coefficients.Slice(r * n + starts[c], counts[c]), kernelBlock.Slice(starts[c] * count, counts[c] * count), count,
                    shares.Slice((c * (k - 1) + r) * count, count));
        for (int row = 0; row < count; row++) predictions[row] = classes[VoteRow(shares, count, row, rho, votes)];
    }

    // share[r] = Σ_s coefficients[s] · rows[s·count + r], two kernel rows per call; a last odd row goes with a zero
    // weight on itself (exact: adding a product with zero changes no bit of a finite sum).
    private static void Share(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> rows, int count, Span<double> share)
    {
        share.Clear();
        int s = 0;
        for (; s + 1 < coefficients.Length; s += 2)
            SvmSimd.AddTwoRows(share, rows.Slice(s * count, count), coefficients[s], rows.Slice((s + 1) * count, count), coefficients[s + 1], count);
        if (s < coefficients.Length)
            SvmSimd.AddTwoRows(share, rows.Slice(s * count, count), coefficients[s], rows.Slice(s * count, count), 0, count);
    }

    // The vote of one sample of a block whose shares are laid out [(c·(k − 1) + r)·count + row].
    private static int VoteRow(ReadOnlySpan<double> shares, int count, int row, ReadOnlySpan<double> rho, Span<int> votes)
    {
        int k = votes.Length;
        votes.Clear();
        for (int i = 0, p = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++, p++)
            {
                double value = shares[(i * (k - 1) + j - 1) * count + row] + shares[(j * (k - 1) + i) * count + row] - rho[p];
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
