namespace Specialized.Text;

/// <summary>
/// The 48-bit linear congruential generator of word2vec.c and gensim
/// (<c>next = next · 25214903917 + 11 mod 2^48</c>): cheap enough to draw per word and per negative,
/// and one state per thread keeps one-thread training bit-deterministic for a seed.
/// </summary>
internal struct Word2VecRandom(ulong seed)
{
    private ulong _state = seed & Mask;

    private const ulong Mask = (1UL << 48) - 1;

    /// <summary>A uniform 32-bit number (bits 16–47 of the state, as gensim's <c>random_int32</c>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        uint value = (uint)(_state >> 16);
        _state = (_state * 25214903917UL + 11) & Mask;
        return value;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public float NextSingle() => (NextUInt32() >> 8) * (1f / (1 << 24));
}
