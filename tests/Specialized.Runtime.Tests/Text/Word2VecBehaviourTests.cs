using Specialized.Text;

namespace Specialized.Tests.Text;

public sealed class Word2VecBehaviourTests
{
    private static Word2Vec Trained(int seed = 7, Word2VecArchitecture architecture = Word2VecArchitecture.SkipGram,
        Word2VecObjective objective = Word2VecObjective.NegativeSampling, int threads = 1)
    {
        var model = new Word2Vec(architecture, objective, dimension: 20, window: 3, minCount: 3, epochs: 2, seed: seed, threads: threads);
        model.Train(SmallCorpus.Sentences);
        return model;
    }

    [Fact]
    public void One_thread_is_bit_deterministic_per_seed_and_seeds_differ()
    {
        float[] first = Trained(seed: 7).Vectors.AllVectors.ToArray();
        float[] again = Trained(seed: 7).Vectors.AllVectors.ToArray();
        float[] other = Trained(seed: 8).Vectors.AllVectors.ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Several_threads_train_every_word_and_report_each_epoch()
    {
        var reports = new List<Word2VecProgress>();
        var model = new Word2Vec(Word2VecArchitecture.Cbow, Word2VecObjective.HierarchicalSoftmax, dimension: 20, minCount: 3, epochs: 3, threads: 2);
        Word2VecSummary summary = model.Train(SmallCorpus.Sentences, new SynchronousProgress<Word2VecProgress>(reports.Add));
        Assert.Equal(2, summary.Threads);
        Assert.Equal(3 * 20_000, summary.RawWords);
        Assert.Equal([1, 2, 3], reports.Select(r => r.Epoch));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.LearningRate < p.First.LearningRate), "alpha decays");
        Assert.True(reports[^1].LearningRate < 0.001f, $"alpha ends near its minimum, got {reports[^1].LearningRate}");
        Assert.All(reports, r => Assert.True(r.WordsPerSecond > 0));
        Assert.All(model.Vectors.AllVectors.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Queries_rank_by_cosine_and_exclude_their_inputs()
    {
        WordVectors vectors = Trained().Vectors;
        IReadOnlyList<WordSimilarity> nearest = vectors.MostSimilar("elizabeth", 5);
        Assert.Equal(5, nearest.Count);
        Assert.DoesNotContain(nearest, n => n.Word == "elizabeth");
        Assert.True(nearest.Zip(nearest.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
        Assert.Equal(vectors.Similarity("elizabeth", nearest[0].Word), nearest[0].Similarity, 1e-5f);
        Assert.Equal(1f, vectors.Similarity("darcy", "darcy"), 1e-5f);

        IReadOnlyList<WordSimilarity> analogy = vectors.Analogy("he", "she", "her", 3);
        Assert.DoesNotContain(analogy, n => n.Word is "he" or "she" or "her");

        // The scan over the vocabulary agrees with pairwise similarity.
        var all = new float[vectors.Count];
        vectors.CosineSimilarities(vectors.GetVector("mr"), all);
        Assert.Equal(vectors.Similarity("mr", "mrs"), all[vectors.IndexOf("mrs")], 1e-5f);
    }

    [Fact]
    public void Nearest_neighbours_agree_on_every_vector_width()
    {
        Word2Vec model = Trained();
        WordVectors reference = new(model.Vectors.Words, model.Vectors.AllVectors, model.Dimension) { Path = VectorPath.Scalar };
        foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
        {
            WordVectors vectors = new(model.Vectors.Words, model.Vectors.AllVectors, model.Dimension) { Path = path };
            var expected = reference.MostSimilar("bennet", 5);
            var actual = vectors.MostSimilar("bennet", 5);
            Assert.Equal(expected.Select(e => e.Word), actual.Select(a => a.Word));
            for (int i = 0; i < 5; i++) Assert.Equal(expected[i].Similarity, actual[i].Similarity, 1e-5f);
        }
    }

    [Fact]
    public void Unknown_words_are_errors_that_name_the_word_and_the_argument()
    {
        WordVectors vectors = Trained().Vectors;
        var error = Assert.Throws<ArgumentException>(() => vectors.GetVector("zyzzyva"));
        Assert.Equal("word", error.ParamName);
        Assert.Contains("'zyzzyva'", error.Message);
        Assert.Equal("word", Assert.Throws<ArgumentException>(() => vectors.MostSimilar("zyzzyva")).ParamName);
        Assert.Equal("second", Assert.Throws<ArgumentException>(() => vectors.Similarity("darcy", "zyzzyva")).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => vectors.Analogy("he", "zyzzyva", "her")).ParamName);
    }

    [Fact]
    public void Bad_settings_and_corpora_are_refused_before_any_work()
    {
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new Word2Vec(dimension: 0)).ParamName);
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new Word2Vec(dimension: -3)).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => new Word2Vec(window: 0)).ParamName);
        Assert.Equal("minCount", Assert.Throws<ArgumentOutOfRangeException>(() => new Word2Vec(minCount: 0)).ParamName);
        Assert.Equal("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new Word2Vec(epochs: 0)).ParamName);
        Assert.Equal("negative", Assert.Throws<ArgumentOutOfRangeException>(() => new Word2Vec(negative: 0)).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentOutOfRangeException>(() => new Word2Vec(sample: -1)).ParamName);

        var model = new Word2Vec();
        Assert.Equal("sentences", Assert.Throws<ArgumentException>(() => model.Train(new List<string[]>())).ParamName);
        Assert.Equal("sentences", Assert.Throws<ArgumentException>(() => model.Train(new List<string[]> { Array.Empty<string>() })).ParamName);
        var tooRare = Assert.Throws<ArgumentException>(() => new Word2Vec(minCount: 50).Train(new List<string[]> { new[] { "a", "b", "a" } }));
        Assert.Equal("sentences", tooRare.ParamName);
        Assert.Contains("minCount 50", tooRare.Message);
        Assert.False(model.IsTrained);
        Assert.Throws<InvalidOperationException>(() => model.Vectors);
    }

    [Fact]
    public async Task Training_one_instance_from_two_threads_at_once_is_refused()
    {
        // The first Train holds at its first progress report until the second call has been tried,
        // so the overlap does not depend on timing.
        var model = new Word2Vec(dimension: 20, minCount: 3, epochs: 2);
        using var started = new ManualResetEventSlim();
        using var tried = new ManualResetEventSlim();
        var progress = new SynchronousProgress<Word2VecProgress>(report =>
        {
            if (report.Epoch != 1) return;
            started.Set();
            tried.Wait(TimeSpan.FromSeconds(60));
        });
        Task first = Task.Run(() => model.Train(SmallCorpus.Sentences, progress));
        try
        {
            Assert.True(started.Wait(TimeSpan.FromSeconds(60)));
            var error = Assert.Throws<InvalidOperationException>(() => model.Train(SmallCorpus.Sentences));
            Assert.Contains("Train", error.Message);
            Assert.Throws<InvalidOperationException>(() => model.Vectors);
        }
        finally
        {
            tried.Set();
        }
        await first;
        Assert.True(model.IsTrained);
    }

    [Theory]
    [InlineData(Word2VecArchitecture.Cbow, Word2VecObjective.HierarchicalSoftmax)]
    [InlineData(Word2VecArchitecture.SkipGram, Word2VecObjective.NegativeSampling)]
    public void Epochs_allocate_nothing(Word2VecArchitecture architecture, Word2VecObjective objective)
    {
        // One thread trains on the calling thread, so its allocation counter sees everything. A run of
        // four epochs must allocate what a run of one does (vocabulary, corpus, weights, scratch): the
        // extra 60,000 words x window pairs allocate nothing.
        long Allocated(int epochs)
        {
            var model = new Word2Vec(architecture, objective, dimension: 32, minCount: 3, epochs: epochs);
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Train(SmallCorpus.Sentences);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // JIT, tier-up and static tables first; then the fewest bytes of three runs, so a method promoted
        // mid-run (on-stack replacement allocates on the running thread) is not counted as training's.
        Allocated(1);
        Allocated(4);
        long one = Enumerable.Range(0, 3).Min(_ => Allocated(1)), four = Enumerable.Range(0, 3).Min(_ => Allocated(4));
        Assert.True(Math.Abs(four - one) < 1024, $"1 epoch allocated {one:N0} bytes, 4 epochs {four:N0}.");
    }

    [Fact]
    public void Negative_sampler_draws_count_to_the_three_quarters()
    {
        long[] counts = [1000, 300, 300, 20, 1];
        var sampler = new NegativeSampler(counts);
        double total = counts.Sum(c => Math.Pow(c, 0.75));
        for (int w = 0; w < counts.Length; w++) Assert.Equal(Math.Pow(counts[w], 0.75) / total, sampler.Probability(w), 1e-8);
        var random = new Word2VecRandom(1);
        var drawn = new int[counts.Length];
        for (int i = 0; i < 200_000; i++) drawn[sampler.Sample(random.NextUInt32())]++;
        for (int w = 0; w < counts.Length; w++) Assert.Equal(Math.Pow(counts[w], 0.75) / total, drawn[w] / 200_000.0, 0.005);
    }

    [Fact]
    public void Subsampling_keeps_words_with_gensims_probability()
    {
        uint[] keep = Vocabulary.KeepThresholdsFor([100_000, 1_000, 10], sample: 1e-3);
        double threshold = 1e-3 * 101_010;
        double expected = (Math.Sqrt(100_000 / threshold) + 1) * (threshold / 100_000);
        Assert.Equal(expected, keep[0] / (double)uint.MaxValue, 1e-9);
        Assert.Equal(uint.MaxValue, keep[2]);
    }

    /// <summary>Reports on the training thread, unlike Progress&lt;T&gt; which posts to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
