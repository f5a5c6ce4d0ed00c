namespace Specialized.Text;

/// <summary>How word2vec relates a word to its context window.</summary>
public enum Word2VecArchitecture
{
    /// <summary>Continuous bag of words: the mean of the context vectors predicts the word (gensim <c>sg=0</c>). Fast; good for frequent words.</summary>
    Cbow = 0,

    /// <summary>Skip-gram: each context word's vector predicts the word, nearer words more often through the shrinking window (gensim <c>sg=1</c>). Slower; better for rare words.</summary>
    SkipGram,
}
