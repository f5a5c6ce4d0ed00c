namespace Specialized.Classical;

/// <summary>
/// SplitMix64: a tiny, fast generator with a fixed algorithm, so a seed gives the same trees on every
/// .NET version. <see cref="ForStream"/> derives independent streams (one per tree or per round) from
/// one seed, which is what makes parallel forests independent of thread scheduling.
/// </summary>
internal struct TreeRandom
{
    private ulong _state;

    public TreeRandom(ulong seed) => _state = seed;

    /// <summary>The generator for stream <paramref name="stream"/> of <paramref name="seed"/> (e.g. tree index).</summary>
    public static TreeRandom ForStream(int seed, int stream)
    {
        var mixer = new TreeRandom(((ulong)(uint)seed << 32) ^ (uint)stream ^ 0x5DEECE66DUL);
        mixer.NextUInt64();
        return new TreeRandom(mixer.NextUInt64());
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="exclusiveMax"/>) by multiply-shift (bias below 2⁻³² for our sizes).</summary>
    public int Next(int exclusiveMax) => (int)(((NextUInt64() >> 32) * (ulong)(uint)exclusiveMax) >> 32);
}
