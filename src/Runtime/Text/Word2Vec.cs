using System.Diagnostics;

namespace Specialized.Text;

/// <summary>
/// word2vec (Mikolov et al. 2013) as word2vec.c and gensim 4 implement it: CBOW or skip-gram, each with
/// hierarchical softmax or negative sampling, a dynamic window, frequent-word subsampling and a
/// linearly decaying learning rate. <see cref="Train"/> learns a vector per word; <see cref="Vectors"/>
/// answers queries and saves them.
/// </summary>
/// <remarks>
/// <para>
/// With <c>threads: 1</c> a seed fixes the result bit for bit. With more threads, workers take
/// contiguous slices of the sentences and update the shared weights without locks (Hogwild, as the
/// original), so results vary slightly from run to run; <c>threads: 0</c> uses every core.
/// </para>
/// <para>
/// The inner loops (dot products and updates over the dimension) run on the widest vector width the
/// hardware accelerates (512, 256 or 128 bits) or scalar, on rows padded to 16 floats; nothing is
/// allocated per training pair. The logistic function comes from an interpolated table (see
/// <c>docs/embeddings.md</c>). An instance may be trained by one thread at a time.
/// </para>
/// </remarks>
/// <example><code>
/// var sentences = WordTokenizer.Sentences(File.ReadAllText("austen.txt"));
/// var word2vec = new Word2Vec(Word2VecArchitecture.SkipGram, Word2VecObjective.NegativeSampling, dimension: 100);
/// word2vec.Train(sentences, new Progress&lt;Word2VecProgress&gt;(Console.WriteLine));
/// WordVectors vectors = word2vec.Vectors;
/// vectors.MostSimilar("elizabeth", 3);
/// </code></example>
public sealed class Word2Vec
{
    private readonly ExclusiveUse _exclusive = new();
    private Word2VecModel? _model;

    /// <summary>Configures a model; the defaults are gensim 4's.</summary>
    /// <param name="architecture">CBOW (default) or skip-gram.</param>
    /// <param name="objective">Hierarchical softmax (default) or negative sampling.</param>
    /// <param name="dimension">Vector size, at least 1.</param>
    /// <param name="window">Largest distance between a word and a context word, at least 1; each position draws its own reach in [1, window].</param>
    /// <param name="minCount">Words seen fewer times are dropped, at least 1.</param>
    /// <param name="sample">Frequent-word subsampling threshold; 0 turns it off.</param>
    /// <param name="negative">Negative samples per pair, at least 1 (used with negative sampling).</param>
    /// <param name="epochs">Passes over the corpus, at least 1.</param>
    /// <param name="learningRate">The starting learning rate (alpha).</param>
    /// <param name="minLearningRate">The learning rate reached at the end; it decays linearly.</param>
    /// <param name="seed">Seed of the initial vectors and of every random draw.</param>
    /// <param name="threads">Training threads: 1 is bit-deterministic, 0 means every core.</param>
    public Word2Vec(Word2VecArchitecture architecture = Word2VecArchitecture.Cbow,
        Word2VecObjective objective = Word2VecObjective.HierarchicalSoftmax,
        int dimension = 100, int window = 5, int minCount = 5, double sample = 1e-3, int negative = 5, int epochs = 5,
        double learningRate = 0.025, double minLearningRate = 0.0001, int seed = 1, int threads = 1)
    {
        if (!Enum.IsDefined(architecture)) throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture.");
        if (!Enum.IsDefined(objective)) throw new ArgumentOutOfRangeException(nameof(objective), objective, "Unknown objective.");
        Require.InRange(dimension, 1, 1 << 20);
        Require.InRange(window, 1, 10_000);
        Require.InRange(minCount, 1, int.MaxValue);
        Require.NonNegative(sample);
        Require.InRange(negative, 1, 1_000);
        Require.InRange(epochs, 1, int.MaxValue);
        Require.Positive(learningRate);
        Require.NonNegative(minLearningRate);
        Require.InRange(threads, 0, 4096);
        Architecture = architecture;
        Objective = objective;
        Dimension = dimension;
        Window = window;
        MinCount = minCount;
        Sample = sample;
        Negative = negative;
        Epochs = epochs;
        LearningRate = learningRate;
        MinLearningRate = minLearningRate;
        Seed = seed;
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
    }

    /// <summary>CBOW or skip-gram.</summary>
    public Word2VecArchitecture Architecture { get; }

    /// <summary>Hierarchical softmax or negative sampling.</summary>
    public Word2VecObjective Objective { get; }

    /// <summary>The vector size.</summary>
    public int Dimension { get; }

    /// <summary>The largest window reach.</summary>
    public int Window { get; }

    /// <summary>The minimum word count.</summary>
    public int MinCount { get; }

    /// <summary>The subsampling threshold.</summary>
    public double Sample { get; }

    /// <summary>Negative samples per pair.</summary>
    public int Negative { get; }

    /// <summary>Passes over the corpus.</summary>
    public int Epochs { get; }

    /// <summary>The starting learning rate.</summary>
    public double LearningRate { get; }

    /// <summary>The final learning rate.</summary>
    public double MinLearningRate { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Training threads (0 resolved to the core count).</summary>
    public int Threads { get; }

    /// <summary>Forces a vector width (tests compare every width with the scalar path).</summary>
    internal VectorPath Path { get; init; }

    /// <summary>Whether <see cref="Train"/> has completed.</summary>
    public bool IsTrained => _model is not null;

    /// <summary>The vocabulary of the last training run.</summary>
    /// <exception cref="InvalidOperationException">The model has not been trained.</exception>
    public Vocabulary Vocabulary => Trained().Vocabulary;

    /// <summary>A copy of the learned input vectors with their words, for queries and saving.</summary>
    /// <exception cref="InvalidOperationException">The model has not been trained, or is training on another thread.</exception>
    public WordVectors Vectors
    {
        get
        {
            using var _ = _exclusive.Enter(this, nameof(Vectors));
            Word2VecModel model = Trained();
            var vectors = new float[model.Vocabulary.Count * Dimension];
            for (int w = 0; w < model.Vocabulary.Count; w++)
                model.Inputs.Row(w)[..Dimension].CopyTo(vectors.AsSpan(w * Dimension, Dimension));
            return new WordVectors([.. model.Vocabulary.Words], vectors, Dimension) { Path = Path };
        }
    }

    /// <summary>Input and output weights of the last run, padded rows (for tests).</summary>
    internal Word2VecModel? Model => _model;

    /// <summary>
    /// Builds the vocabulary of <paramref name="sentences"/> and learns a vector for every kept word,
    /// replacing the result of any earlier call.
    /// </summary>
    /// <param name="sentences">Tokenized sentences, e.g. from <see cref="WordTokenizer.Sentences"/> or your own tokenizer.</param>
    /// <param name="progress">Receives a report at the end of every epoch.</param>
    /// <param name="cancellationToken">Checked between epochs.</param>
    /// <returns>Vocabulary size, words processed, time and speed.</returns>
    /// <exception cref="ArgumentException"><paramref name="sentences"/> holds no token, or no word reaches the minimum count.</exception>
    /// <exception cref="InvalidOperationException">Another call is using this instance.</exception>
    public Word2VecSummary Train(IReadOnlyList<IReadOnlyList<string>> sentences, IProgress<Word2VecProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var _ = _exclusive.Enter(this, nameof(Train));
        ArgumentNullException.ThrowIfNull(sentences);
        if (sentences.Count == 0)
            throw new ArgumentException("sentences is empty; expected at least one sentence of tokens.", nameof(sentences));
        Vocabulary vocabulary = Vocabulary.Build(sentences, MinCount, Sample);
        Word2VecModel model = CreateModel(vocabulary, EncodedCorpus.Encode(sentences, vocabulary));

        var workers = new Word2VecWorker[Math.Min(Threads, model.Corpus.SentenceCount)];
        for (int t = 0; t < workers.Length; t++) workers[t] = new Word2VecWorker(model, (ulong)(uint)Seed + (ulong)t * 0x9E3779B9UL);
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int sentenceCount = model.Corpus.SentenceCount;
            if (workers.Length == 1)
            {
                workers[0].Run(0, sentenceCount, Path);
            }
            else
            {
                Parallel.For(0, workers.Length, new ParallelOptions { MaxDegreeOfParallelism = workers.Length },
                    t => workers[t].Run((int)((long)sentenceCount * t / workers.Length), (int)((long)sentenceCount * (t + 1) / workers.Length), Path));
            }
            progress?.Report(new Word2VecProgress(epoch, Epochs, model.LearningRateAt(model.WordsDone), model.RawWordsDone, clock.Elapsed));
        }
        clock.Stop();
        _model = model;
        return new Word2VecSummary(vocabulary.Count, model.RawWordsDone, workers.Sum(w => w.TrainedWords), clock.Elapsed, workers.Length);
    }

    private Word2VecModel CreateModel(Vocabulary vocabulary, EncodedCorpus corpus)
    {
        int stride = EmbeddingKernels.Stride(Dimension);
        var inputs = new AlignedRows(vocabulary.Count, stride);
        // gensim's initialization: uniform in [-0.5, 0.5) / dimension; the padding stays zero.
        var random = new Word2VecRandom((ulong)(uint)Seed ^ 0x5DEECE66DUL);
        for (int w = 0; w < vocabulary.Count; w++)
        {
            Span<float> row = inputs.Row(w);
            for (int d = 0; d < Dimension; d++) row[d] = (random.NextSingle() - 0.5f) / Dimension;
        }
        bool hierarchical = Objective == Word2VecObjective.HierarchicalSoftmax;
        long[] counts = [.. vocabulary.Counts];
        return new Word2VecModel
        {
            Architecture = Architecture,
            Objective = Objective,
            Window = Window,
            Negative = Negative,
            LearningRate = (float)LearningRate,
            MinLearningRate = (float)MinLearningRate,
            Vocabulary = vocabulary,
            Corpus = corpus,
            Inputs = inputs,
            Outputs = new AlignedRows(hierarchical ? Math.Max(1, vocabulary.Count - 1) : vocabulary.Count, stride),
            Tree = hierarchical ? HuffmanTree.Build(counts) : null,
            Sampler = hierarchical ? null : new NegativeSampler(counts),
            TotalWords = Math.Max(1, vocabulary.TrainWordCount * Epochs),
        };
    }

    private Word2VecModel Trained() =>
        _model ?? throw new InvalidOperationException("This Word2Vec has not been trained yet; call Train first.");
}
