using BenchmarkDotNet.Attributes;
using Specialized.Text;

namespace Specialized.Benchmarks.Text;

/// <summary>
/// One epoch of word2vec over the first 150,000 tokens of Austen (vocabulary from that slice, min_count 5,
/// the reference settings otherwise): each configuration on one thread and on all cores against the
/// naive scalar implementation on one thread, in the same run. Raw words/s = 150,000 / the mean time.
/// </summary>
/// <remarks>
/// Each operation is a whole training run (0.1–2 s), so a few iterations give stable means; the counts
/// apply to both vector-width jobs of <see cref="VectorWidthConfig"/> (a <c>--job short</c> on the
/// command line would add a third job rather than shorten these).
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(5)]
public class Word2VecBenchmarks
{
    private const int Tokens = 150_000;
    private List<string[]> _sentences = [];

    [Params("Cbow HierarchicalSoftmax", "Cbow NegativeSampling", "SkipGram HierarchicalSoftmax", "SkipGram NegativeSampling")]
    public string Configuration { get; set; } = "";

    private Word2VecArchitecture Architecture => Enum.Parse<Word2VecArchitecture>(Configuration.Split(' ')[0]);

    private Word2VecObjective Objective => Enum.Parse<Word2VecObjective>(Configuration.Split(' ')[1]);

    [GlobalSetup]
    public void Setup()
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "austen.txt"));
        _sentences = WordTokenizer.Split(WordTokenizer.Tokenize(text).Take(Tokens).ToList());
    }

    [Benchmark(Baseline = true)]
    public float Naive() => new NaiveWord2Vec(Architecture, Objective).Train(_sentences)[1][0];

    [Benchmark]
    public float OneThread() => Train(threads: 1);

    [Benchmark]
    public float AllCores() => Train(threads: 0);

    private float Train(int threads)
    {
        var model = new Word2Vec(Architecture, Objective, epochs: 1, threads: threads);
        model.Train(_sentences);
        return model.Vectors.AllVectors[0];
    }
}
