namespace Specialized.Text;

/// <summary>The state one training run shares between its workers: settings, corpus, tables and the two weight matrices.</summary>
internal sealed class Word2VecModel
{
    public required Word2VecArchitecture Architecture { get; init; }

    public required Word2VecObjective Objective { get; init; }

    public required int Window { get; init; }

    public required int Negative { get; init; }

    public required float LearningRate { get; init; }

    public required float MinLearningRate { get; init; }

    public required Vocabulary Vocabulary { get; init; }

    public required EncodedCorpus Corpus { get; init; }

    /// <summary>Input vectors (the embeddings), V × stride; gensim's <c>syn0</c>.</summary>
    public required AlignedRows Inputs { get; init; }

    /// <summary>Output vectors: Huffman inner nodes (<c>syn1</c>) or words (<c>syn1neg</c>); zero at the start.</summary>
    public required AlignedRows Outputs { get; init; }

    public HuffmanTree? Tree { get; init; }

    public NegativeSampler? Sampler { get; init; }

    /// <summary>The words (before subsampling) of the whole run: epochs × the kept tokens.</summary>
    public required long TotalWords { get; init; }

    /// <summary>Words started so far by all workers (drives the learning-rate decay).</summary>
    public long WordsDone;

    /// <summary>Raw tokens processed so far by all workers.</summary>
    public long RawWordsDone;

    /// <summary>The linearly decayed learning rate after <paramref name="done"/> words, never below the minimum.</summary>
    public float LearningRateAt(long done) =>
        Math.Max(MinLearningRate, (float)(LearningRate - (LearningRate - MinLearningRate) * (done / (double)TotalWords)));
}
