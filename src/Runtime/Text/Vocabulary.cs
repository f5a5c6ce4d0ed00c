namespace Specialized.Text;

/// <summary>
/// The words kept for training: every word seen at least <c>minCount</c> times, most frequent first
/// (ties in order of first appearance, as gensim), with its count and its frequent-word subsampling
/// threshold.
/// </summary>
/// <remarks>
/// Subsampling follows gensim 4 (and word2vec's <c>sample</c>): with <c>t = sample × total</c> (total = the
/// summed counts of the kept words), a word of count <c>c</c> survives each occurrence with probability
/// <c>min(1, (√(c/t) + 1) · t/c)</c>. The probability is stored as a 32-bit threshold compared with one
/// 32-bit random number per occurrence.
/// </remarks>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _index;

    private Vocabulary(string[] words, long[] counts, uint[] keepThresholds, long rawWordCount)
    {
        Words = words;
        Counts = counts;
        KeepThresholds = keepThresholds;
        RawWordCount = rawWordCount;
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) _index.Add(words[i], i);
        foreach (long count in counts) TrainWordCount += count;
    }

    /// <summary>The kept words, most frequent first.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The count of each kept word, in the order of <see cref="Words"/>.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>Number of kept words.</summary>
    public int Count => Words.Count;

    /// <summary>All tokens of the corpus, including those of dropped rare words (gensim's "raw words").</summary>
    public long RawWordCount { get; }

    /// <summary>Tokens of kept words (the words training visits per epoch before subsampling).</summary>
    public long TrainWordCount { get; }

    /// <summary>Per word: keep an occurrence when this is at least a uniform 32-bit random number.</summary>
    internal uint[] KeepThresholds { get; }

    /// <summary>The position of <paramref name="word"/>, or -1 when it was not kept.</summary>
    public int IndexOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return _index.TryGetValue(word, out int i) ? i : -1;
    }

    /// <summary>
    /// Counts the words of <paramref name="sentences"/> and keeps those seen at least <paramref name="minCount"/> times.
    /// </summary>
    /// <param name="sentences">Tokenized sentences.</param>
    /// <param name="minCount">The minimum count (gensim's <c>min_count</c>), at least 1.</param>
    /// <param name="sample">The subsampling threshold (gensim's <c>sample</c>); 0 turns subsampling off.</param>
    /// <exception cref="ArgumentException">The corpus holds no token, or no word reaches <paramref name="minCount"/> (the message gives the largest count).</exception>
    public static Vocabulary Build(IReadOnlyList<IReadOnlyList<string>> sentences, int minCount, double sample)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        Require.InRange(minCount, 1, int.MaxValue);
        Require.NonNegative(sample);
        var counts = new Dictionary<string, (long Count, int First)>(StringComparer.Ordinal);
        long raw = 0;
        for (int s = 0; s < sentences.Count; s++)
        {
            IReadOnlyList<string> sentence = sentences[s] ?? throw new ArgumentException($"sentences[{s}] is null; expected a list of tokens.", nameof(sentences));
            foreach (string token in sentence)
            {
                if (token is null) throw new ArgumentException($"sentences[{s}] holds a null token.", nameof(sentences));
                ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, token, out bool exists);
                entry = exists ? (entry.Count + 1, entry.First) : (1, counts.Count - 1);
                raw++;
            }
        }
        if (raw == 0)
            throw new ArgumentException($"sentences holds no tokens ({sentences.Count} sentences, all empty); expected a corpus to learn from.", nameof(sentences));

        var kept = counts.Where(p => p.Value.Count >= minCount)
            .OrderByDescending(p => p.Value.Count).ThenBy(p => p.Value.First)
            .ToArray();
        if (kept.Length == 0)
        {
            long largest = counts.Values.Max(v => v.Count);
            throw new ArgumentException(
                $"minCount {minCount} keeps no word of sentences: the most frequent of its {counts.Count} distinct words occurs {largest} times. " +
                "Lower minCount or train on more text.", nameof(sentences));
        }

        string[] words = kept.Select(p => p.Key).ToArray();
        long[] wordCounts = kept.Select(p => p.Value.Count).ToArray();
        return new Vocabulary(words, wordCounts, KeepThresholdsFor(wordCounts, sample), raw);
    }

    /// <summary>gensim's <c>sample_int</c>: the keep probability scaled to 32 bits.</summary>
    internal static uint[] KeepThresholdsFor(long[] counts, double sample)
    {
        long total = 0;
        foreach (long c in counts) total += c;
        double threshold = sample > 0 ? sample * total : total;
        var result = new uint[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            double probability = sample > 0 ? (Math.Sqrt(counts[i] / threshold) + 1) * (threshold / counts[i]) : 1;
            result[i] = (uint)(Math.Min(1.0, probability) * uint.MaxValue);
        }
        return result;
    }
}
