using System.Runtime.CompilerServices;

namespace Specialized.Kernels;

/// <summary>
/// Counter-based random numbers: a value is a pure function of a key and a counter, with no state
/// to advance, so any element of any step can be drawn (or drawn again) in any order and on any
/// vector width with the same result.
/// </summary>
/// <remarks>
/// <para>
/// The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014; Java's <c>SplittableRandom</c>), read as a counter-based generator:
/// <see cref="Next"/><c>(key, i)</c> is the <c>i</c>-th output (from 0) of SplitMix64 whose state
/// starts at <c>key</c>, that is <see cref="Mix"/><c>(key + (i + 1)·0x9E3779B97F4A7C15)</c>. Its
/// outputs pass BigCrush.
/// </para>
/// <para>
/// <see cref="Key"/> folds a seed, a stream (e.g. the index of the node drawing) and a step
/// (e.g. the training step) into a key through the same bijective mix, so different streams and
/// steps give unrelated sequences; two (stream, step) pairs share a key with probability about
/// 2⁻⁶⁴. Everything is 64-bit integer arithmetic, identical on every platform.
/// </para>
/// </remarks>
public static class CounterRandom
{
    /// <summary>The golden-ratio increment of SplitMix64, ⌊2⁶⁴/φ⌋ made odd.</summary>
    public const ulong Increment = 0x9E3779B97F4A7C15;

    private const float TwoToMinus24 = 1f / (1 << 24);

    /// <summary>SplitMix64's output function: a bijection of 64-bit words that mixes every input bit into every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The key of the sequence for (<paramref name="seed"/>, <paramref name="stream"/>, <paramref name="step"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong seed, ulong stream, ulong step) =>
        Mix((Mix((Mix(seed + Increment) ^ stream) + Increment) ^ step) + Increment);

    /// <summary>The <paramref name="counter"/>-th 64-bit output of the sequence <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Next(ulong key, ulong counter) => Mix(key + (counter + 1) * Increment);

    /// <summary>
    /// The top 24 bits of <see cref="Next"/> as an integer in [0, 2²⁴): compare it with
    /// <c>⌈p·2²⁴⌉</c> to draw an event of probability <c>p</c> exactly as <see cref="Uniform"/> would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Next24(ulong key, ulong counter) => (uint)(Next(key, counter) >> 40);

    /// <summary>
    /// A uniform float in [0, 1) with 24 random bits (every value a multiple of 2⁻²⁴, so exactly
    /// representable): the <paramref name="counter"/>-th draw of the sequence <paramref name="key"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Uniform(ulong key, ulong counter) => Next24(key, counter) * TwoToMinus24;
}
