using System.Runtime.CompilerServices;

namespace Specialized.Text;

/// <summary>
/// One training step of each word2vec objective, as word2vec.c and gensim's Cython kernels perform it,
/// over rows padded to a multiple of the lane count. Nothing here allocates.
/// </summary>
/// <remarks>
/// <para>
/// Both objectives are the same output layer: a list of output rows with a binary label each. For
/// hierarchical softmax the rows are the inner nodes on the word's Huffman path and the label is
/// 1 − code; for negative sampling the rows are the word (label 1) and the drawn negatives (label 0),
/// which is code 0 and code 1. The loss is <c>L = −Σ log σ(±h·u)</c> (+ for label 1); each row gets
/// <c>g = α (label − σ(h·u))</c> = −α ∂L/∂(h·u), the input's gradient gathers <c>g·u</c> with u as it was,
/// then u moves by <c>g·h</c>.
/// </para>
/// <para>
/// CBOW's hidden vector is the mean of the context rows; as in word2vec.c and gensim
/// (<c>cbow_mean=1</c>) every context row then moves by the whole gradient of the mean, not by its
/// 1/count share.
/// </para>
/// </remarks>
internal static class Word2VecSteps
{
    /// <summary>
    /// Updates the output rows named by <paramref name="rows"/> and adds −α ∂L/∂h to <paramref name="error"/>.
    /// Pairs whose dot product lies outside ±<see cref="FastSigmoid.Bound"/> are skipped (see <see cref="FastSigmoid"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OutputLayer<TLanes>(ref float hidden, ref float outputs, nuint stride, ReadOnlySpan<int> rows, ReadOnlySpan<byte> codes,
        float alpha, ref float error)
        where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        for (int b = 0; b < rows.Length; b++)
        {
            ref float output = ref Unsafe.Add(ref outputs, (nuint)rows[b] * stride);
            float f = EmbeddingKernels.Dot<TLanes>(ref hidden, ref output, stride);
            if (f <= -FastSigmoid.Bound || f >= FastSigmoid.Bound) continue;
            float g = (1 - codes[b] - FastSigmoid.Of(f)) * alpha;
            EmbeddingKernels.Backpropagate<TLanes>(g, ref hidden, ref output, ref error, stride);
        }
    }

    /// <summary>A skip-gram pair: the input row of <paramref name="context"/> predicts the target's rows and codes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SkipGram<TLanes>(ref float inputs, ref float outputs, nuint stride, int context, ReadOnlySpan<int> rows,
        ReadOnlySpan<byte> codes, float alpha, ref float error)
        where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        ref float input = ref Unsafe.Add(ref inputs, (nuint)context * stride);
        EmbeddingKernels.Clear<TLanes>(ref error, stride);
        OutputLayer<TLanes>(ref input, ref outputs, stride, rows, codes, alpha, ref error);
        EmbeddingKernels.Axpy<TLanes>(1, ref error, ref input, stride);
    }

    /// <summary>A CBOW step: the mean of the <paramref name="context"/> rows predicts the target's rows and codes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Cbow<TLanes>(ref float inputs, ref float outputs, nuint stride, ReadOnlySpan<int> context, ReadOnlySpan<int> rows,
        ReadOnlySpan<byte> codes, float alpha, ref float hidden, ref float error)
        where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        EmbeddingKernels.Clear<TLanes>(ref hidden, stride);
        foreach (int word in context) EmbeddingKernels.Axpy<TLanes>(1, ref Unsafe.Add(ref inputs, (nuint)word * stride), ref hidden, stride);
        EmbeddingKernels.Scale<TLanes>(1f / context.Length, ref hidden, stride);
        EmbeddingKernels.Clear<TLanes>(ref error, stride);
        OutputLayer<TLanes>(ref hidden, ref outputs, stride, rows, codes, alpha, ref error);
        foreach (int word in context) EmbeddingKernels.Axpy<TLanes>(1, ref error, ref Unsafe.Add(ref inputs, (nuint)word * stride), stride);
    }
}
