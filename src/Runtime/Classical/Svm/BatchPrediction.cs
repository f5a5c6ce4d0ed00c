namespace Specialized;

/// <summary>
/// Predicts a batch of samples a block at a time on the kernels the solver uses: a block of samples is the "stored
/// vectors" of one kernel row per support vector (<c>K(v_s, x_r)</c> for the block's rows r, samples being
/// <see cref="ISvmKernel.Stride"/> floats apart like stored vectors), and each decision share is accumulated over a
/// class's support vectors as scaled kernel rows (<see cref="SvmSimd.AddTwoRows"/>, the solver's gradient update;
/// <see cref="OneVersusOne.VoteBlock"/>). A process that has just trained therefore compiles no new kernel for its
/// first predictions. Not generic (the kernel is called through <see cref="ISvmKernel"/>, a few thousand calls per
/// batch), so a ReadyToRun image carries this code precompiled; under the JIT it runs at tier 0 first, its loops
/// split over small methods so that none reaches the on-stack-replacement threshold on the calling thread.
/// The kernel values are those of the per-sample path; the shares are the same sums taken in another order (pairs
/// of support vectors lane by lane instead of two register accumulators), so decision values agree to rounding.
/// </summary>
internal static class BatchPrediction
{
    /// <summary>Rows per block: n × 128 kernel values (697 support vectors: 357 KB, in L2) and 128 lanes per accumulation.</summary>
    public const int BlockRows = 128;

    /// <summary>Reusable block buffers of one machine, taken by one call at a time.</summary>
    public sealed class Scratch(int kernelValues, int shares)
    {
        // Fields, not properties: no getter to compile before a first prediction.
        /// <summary>n × block kernel values.</summary>
        public readonly float[] KernelValues = new float[kernelValues];

        /// <summary>k·(k − 1) × block shares.</summary>
        public readonly double[] Shares = new double[shares];
    }

    /// <summary>Fills <paramref name="predictions"/> (one label per row of <paramref name="samples"/>).</summary>
    /// <param name="kernel">The machine's kernel (boxed once by the machine).</param>
    /// <param name="samples">Rows of <paramref name="features"/> floats; the kernel's stride must equal the feature count.</param>
    /// <param name="features">Features per sample.</param>
    /// <param name="supportVectors">The support vectors, <paramref name="features"/> floats apart.</param>
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
        int k = classes.Length, rows = predictions.Length;
        int block = rows < BlockRows ? rows : BlockRows;
        Scratch? scratch = Interlocked.Exchange(ref cache, null);
        if (scratch is null || scratch.KernelValues.Length < n * block || scratch.Shares.Length < k * (k - 1) * block)
            scratch = new Scratch(n * BlockRows, k * (k - 1) * BlockRows);
        for (int first = 0; first < rows; first += block)
        {
            int count = rows - first < block ? rows - first : block;
            KernelBlock(kernel, samples.Slice(first * features, count * features), count, supportVectors, n, features, scratch.KernelValues);
            OneVersusOne.VoteBlock(coefficients, scratch.KernelValues.AsSpan(0, n * count), count, starts, counts, rho, scratch.Shares, votes,
                classes, predictions.Slice(first, count));
        }
        Volatile.Write(ref cache, scratch);
    }

    // kernelValues[s·count + r] = K(v_s, x_r): one kernel row per support vector over the block's samples.
    private static void KernelBlock(ISvmKernel kernel, ReadOnlySpan<float> block, int count, float[] supportVectors, int n, int features, Span<float> kernelValues)
    {
        for (int s = 0; s < n; s++)
            kernel.EvaluateRow(supportVectors.AsSpan(s * features, features), block, count, kernelValues.Slice(s * count, count));
    }
}
