namespace Specialized.Text;

/// <summary>
/// Draws negative-sampling targets with probability proportional to count^0.75 (the unigram^0.75
/// distribution of word2vec and gensim) in O(1) per draw, from one 32-bit random number.
/// </summary>
/// <remarks>
/// word2vec.c fills a 10^8-entry table and gensim bisects a cumulative table; both approximate or
/// spend log V steps. This is Vose's alias method instead: V buckets, each holding its own word with
/// probability <c>Thresholds[i] / 2^32</c> and an alias otherwise. The random number's product with V
/// picks the bucket (high 32 bits) and tosses the coin (low 32 bits). The distribution is exact up to
/// the 32-bit rounding of each threshold, and the two arrays (8 bytes per word) stay in cache.
/// </remarks>
internal sealed class NegativeSampler
{
    /// <summary>The exponent applied to counts.</summary>
    public const double Exponent = 0.75;

    private readonly uint[] _thresholds;
    private readonly int[] _aliases;

    public NegativeSampler(ReadOnlySpan<long> counts, double exponent = Exponent)
    {
        int n = counts.Length;
        var probability = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) total += probability[i] = Math.Pow(counts[i], exponent);
        _thresholds = new uint[n];
        _aliases = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        var scaled = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            scaled[i] = probability[i] / total * n;
            (scaled[i] < 1 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Peek();
            _thresholds[s] = ToThreshold(scaled[s]);
            _aliases[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1)
            {
                large.Pop();
                small.Push(l);
            }
        }
        // What is left is 1 up to rounding: those buckets always keep their own word.
        foreach (int i in small.Concat(large))
        {
            _thresholds[i] = uint.MaxValue;
            _aliases[i] = i;
        }
    }

    /// <summary>The word for the 32-bit random number <paramref name="random"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Sample(uint random)
    {
        ulong product = (ulong)random * (uint)_thresholds.Length;
        int bucket = (int)(product >> 32);
        return (uint)product < _thresholds[bucket] ? bucket : _aliases[bucket];
    }

    /// <summary>The exact probability this sampler gives <paramref name="word"/> (for tests).</summary>
    public double Probability(int word)
    {
        double n = _thresholds.Length, p = 0;
        for (int b = 0; b < _thresholds.Length; b++)
        {
            double keep = _thresholds[b] == uint.MaxValue && _aliases[b] == b ? 1 : _thresholds[b] / 4294967296.0;
            if (b == word) p += keep / n;
            if (_aliases[b] == word && b != word) p += (1 - keep) / n;
        }
        return p;
    }

    private static uint ToThreshold(double p) => (uint)Math.Clamp(p * 4294967296.0, 0, uint.MaxValue);
}
