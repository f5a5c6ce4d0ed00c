using Specialized.Text;

namespace Specialized.Tests.Text;

/// <summary>
/// The quality figure of REFERENCE.md ("Word embeddings"): the mean cosine over 28 related word pairs
/// minus the mean cosine over all pairs of distinct words among the 2,000 most frequent (ties by count
/// broken alphabetically). Positive and large means related words sit closer than words in general.
/// </summary>
internal static class EmbeddingQuality
{
    public static readonly (string, string)[] RelatedPairs =
    [
        ("he", "she"), ("his", "her"), ("mr", "mrs"), ("sir", "lady"), ("brother", "sister"), ("father", "mother"),
        ("son", "daughter"), ("husband", "wife"), ("uncle", "aunt"), ("king", "queen"), ("morning", "evening"),
        ("day", "night"), ("happy", "glad"), ("sorry", "sad"), ("house", "home"), ("letter", "note"), ("walk", "walked"),
        ("said", "replied"), ("young", "old"), ("good", "bad"), ("great", "small"), ("first", "last"), ("dear", "dearest"),
        ("marry", "married"), ("elizabeth", "jane"), ("darcy", "bingley"), ("emma", "harriet"), ("elinor", "marianne"),
    ];

    public static double RelatedMinusRandom(WordVectors vectors, Vocabulary vocabulary)
    {
        double related = RelatedPairs.Average(p => (double)vectors.Similarity(p.Item1, p.Item2));

        string[] frequent = Enumerable.Range(0, vocabulary.Count)
            .OrderByDescending(i => vocabulary.Counts[i]).ThenBy(i => vocabulary.Words[i], StringComparer.Ordinal)
            .Take(2000).Select(i => vocabulary.Words[i]).ToArray();
        // Mean over distinct pairs of unit vectors: (|Σu|² − n) / (n(n − 1)).
        var sum = new double[vectors.Dimension];
        foreach (string word in frequent)
        {
            ReadOnlySpan<float> v = vectors.GetVector(word);
            double norm = 0;
            foreach (float x in v) norm += (double)x * x;
            norm = Math.Sqrt(norm);
            for (int d = 0; d < v.Length; d++) sum[d] += v[d] / norm;
        }
        double n = frequent.Length;
        double random = (sum.Sum(s => s * s) - n) / (n * (n - 1));
        return related - random;
    }
}
