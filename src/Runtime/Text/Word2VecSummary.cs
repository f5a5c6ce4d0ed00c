namespace Specialized.Text;

/// <summary>What a <see cref="Word2Vec.Train"/> run did.</summary>
/// <param name="VocabularySize">Words kept (count ≥ minCount).</param>
/// <param name="RawWords">Tokens processed over all epochs, counting rare and subsampled words (gensim's "raw words").</param>
/// <param name="TrainedWords">Word occurrences trained on after subsampling, over all epochs.</param>
/// <param name="Elapsed">Wall time of the epochs (vocabulary, tree and initialization excluded, as gensim reports).</param>
/// <param name="Threads">Threads used.</param>
public readonly record struct Word2VecSummary(int VocabularySize, long RawWords, long TrainedWords, TimeSpan Elapsed, int Threads)
{
    /// <summary>Raw words per second, the figure gensim logs and the reference quotes.</summary>
    public double WordsPerSecond => RawWords / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
