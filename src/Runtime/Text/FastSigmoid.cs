using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Text;

/// <summary>
/// The logistic function σ(x) = 1 / (1 + e^−x) on [−6, 6] by a 1,024-step table with linear
/// interpolation: one multiply, two loads and one fused multiply-add instead of an exponential per
/// training pair. The error is below 2·10^−6 everywhere (the curvature bound h²/8 · max|σ''|, with
/// h = 12/1024), against about 3·10^−3 for word2vec's 1,000-entry table without interpolation.
/// </summary>
/// <remarks>
/// Outside [−6, 6] callers skip the update, as word2vec.c (hierarchical softmax) and gensim (both
/// objectives) do: there σ is within 2.5·10^−3 of 0 or 1 and the pair is treated as learned.
/// </remarks>
internal static class FastSigmoid
{
    /// <summary>Inputs at or beyond ± this bound are not looked up.</summary>
    public const float Bound = 6f;

    private const int Steps = 1024;
    private const float Scale = Steps / (2 * Bound);

    private static readonly float[] Table = Build();

    /// <summary>σ(<paramref name="x"/>) for −6 &lt; x &lt; 6.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(float x)
    {
        float position = (x + Bound) * Scale;
        int index = (int)position;
        float fraction = position - index;
        ref float entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Table), index);
        return float.MultiplyAddEstimate(fraction, Unsafe.Add(ref entry, 1) - entry, entry);
    }

    private static float[] Build()
    {
        // One extra entry so index Steps - 1 (and position exactly Steps after rounding) can interpolate.
        var table = new float[Steps + 2];
        for (int i = 0; i < table.Length; i++) table[i] = (float)(1 / (1 + Math.Exp(-(i / (double)Scale - Bound))));
        return table;
    }
}
