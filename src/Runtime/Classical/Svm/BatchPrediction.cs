namespace Specialized;

/// <summary>
/// Predicts a batch of samples a block at a time on the kernels the solver uses: a block of samples is the "stored
/// vectors" of one kernel row per support vector (<c>K(v_s, x_r)</c> for the block's rows r, samples being
/// <see cref="ISvmKernel.Stride"/> floats apart like stored vectors), and each pair's decision value is accumulated
/// over the two classes' support vectors as scaled kernel rows (<see cref="SvmSimd.AddTwoRows"/>, the solver's gradient
/// update; <see cref="OneVersusOne.VoteBlock"/>). A process that has just trained therefore compiles no new kernel for
/// its first predictions. The kernel rows of one class at a time are held (the largest class's support vectors × the
/// block), not all n: the buffers of the digits machine (697 support vectors, at most 92 in a class) are 46 KB and
/// 45 KB instead of 357 KB and 92 KB, so a first batch touches fewer fresh pages, and they stay below the
/// large-object threshold. Not generic (the kernel is called through <see cref="ISvmKernel"/>, a few thousand calls
/// per batch), so a ReadyToRun image carries this code precompiled; under the JIT it runs at tier 0 first, its loops
/// split over small methods so that none reaches the on-stack-replacement threshold on the calling thread.
/// The kernel values are those of the per-sample path; the decision values are the same sums taken in another order
/// (pairs of support vectors lane by lane instead of two register accumulators per class), so they agree to rounding.
/// </summary>
internal static class BatchPrediction
{
    /// <summary>Rows per block: 128 lanes per accumulation, and one class's kernel rows (92 × 128 floats for digits) in L1/L2.</summary>
    public const int BlockRows = 128;

    /// <summary>Reusable block buffers of one machine, taken by one call at a time.</summary>
    public sealed class Scratch(int kernelValues, int decisions)
    {
        // Fields, not properties: no getter to compile before a first prediction.
        /// <summary>The largest class's support count × block kernel values.</summary>
        public readonly float[] KernelValues = new float[kernelValues];

        /// <summary>k·(k − 1)/2 × block decision values (before the intercepts).</summary>
        public readonly double[] Decisions = new double[decisions];
    }

    /// <summary>Fills <paramref name="predictions"/> (one label per row of <paramref name="samples"/>).</summary>
    /// <param name="kernel">The machine's kernel (boxed once by the machine).</param>
    /// <param name="samples">Rows of <paramref name="features"/> floats; the kernel's stride must equal the feature count.</param>
    /// <param name="features">Features per sample.</param>
    /// <param name="supportVectors">The support vectors, <paramref name="features"/> floats apart, grouped by class.</param>
    /// <param name="n">Number of support vectors.</param>
    /// <param name="coefficients">(k − 1) × n dual coefficients.</param>
    /// <param name="starts">First support vector of each class.</param>
    /// <param name="counts">Support vectors of each class.</param>
    /// <param name="rho">One intercept per pair.</param>
    /// <param name="classes">The label of each class index.</param>
    /// <param name="predictions">One label per sample.</param>
    /// <param name="votes">Scratch of k counts.</param>
    /// <param name="cache">The machine's cached scratch (taken for the call, put back after; null when another call holds it).</param>
    public static void Predict(ISvmKernel kernel, ReadOnlySpan<float> samples, int features, float[] supportVectors, int n, double[] coefficients,
        int[] starts, int[] counts, double[] rho, int[] classes, Span<int> predictions, Span<int> votes, ref Scratch? cache)
    {
        int k = classes.Length, rows = predictions.Length, pairs = k * (k - 1) / 2;
        int block = rows < BlockRows ? rows : BlockRows;
        int largest = 0;
        for (int c = 0; c < k; c++) largest = counts[c] > largest ? counts[c] : largest;
        Scratch? scratch = Interlocked.Exchange(ref cache, null);
        if (scratch is null || scratch.KernelValues.Length < largest * block || scratch.Decisions.Length < pairs * block)
            scratch = new Scratch(largest * BlockRows, pairs * BlockRows);
        for (int first = 0; first < rows; first += block)
        {
            int count = rows - first < block ? rows - first : block;
            ReadOnlySpan<float> blockSamples = samples.Slice(first * features, count * features);
            // The span constructor, not AsSpan<double>: CoreLib carries no precompiled AsSpan over double, so it would be
            // the first batch's one tier-0 compile.
            var decisions = new Span<double>(scratch.Decisions, 0, pairs * count);
            decisions.Clear();
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0) continue;
                Span<float> kernelValues = scratch.KernelValues.AsSpan(0, counts[c] * count);
                KernelBlock(kernel, blockSamples, count, supportVectors.AsSpan(starts[c] * features, counts[c] * features), counts[c], features, kernelValues);
                OneVersusOne.AddClassShares(coefficients, n, c, k, starts[c], kernelValues, count, decisions);
            }
            OneVersusOne.VoteBlock(decisions, count, rho, votes, classes, predictions.Slice(first, count));
        }
        Volatile.Write(ref cache, scratch);
    }

    // kernelValues[s·count + r] = K(v_s, x_r): one kernel row per support vector over the block's samples.
    private static void KernelBlock(ISvmKernel kernel, ReadOnlySpan<float> block, int count, ReadOnlySpan<float> supportVectors, int vectors, int features, Span<float> kernelValues)
    {
        for (int s = 0; s < vectors; s++)
            kernel.EvaluateRow(supportVectors.Slice(s * features, features), block, count, kernelValues.Slice(s * count, count));
    }
}
