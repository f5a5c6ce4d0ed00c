namespace Specialized.Text;

/// <summary>How word2vec avoids a softmax over the whole vocabulary.</summary>
public enum Word2VecObjective
{
    /// <summary>
    /// Hierarchical softmax: a chain of binary logistic decisions along the word's path in a Huffman tree
    /// of the vocabulary (about log2 V of them, fewer for frequent words) (gensim <c>hs=1, negative=0</c>).
    /// </summary>
    HierarchicalSoftmax = 0,

    /// <summary>
    /// Negative sampling: one logistic decision for the true word and one against each of <c>negative</c>
    /// words drawn from the unigram^0.75 distribution (gensim <c>hs=0, negative=5</c>).
    /// </summary>
    NegativeSampling,
}
