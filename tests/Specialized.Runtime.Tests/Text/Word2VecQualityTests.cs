using Xunit.Abstractions;
using System.Collections.Concurrent;
using Specialized.Text;

namespace Specialized.Tests.Text;

/// <summary>
/// Trains the four configurations on Austen with the reference settings once, in parallel (each on one
/// thread, so each is deterministic), and shares the results with the quality tests.
/// </summary>
public sealed class AustenEmbeddings
{
    public ConcurrentDictionary<string, (double Quality, Word2VecSummary Summary)> Results { get; } = new();

    public AustenEmbeddings()
    {
        List<string[]> sentences = WordTokenizer.Sentences(File.ReadAllText(TextData.AustenPath));
        // Slowest first, so the two cores finish together.
        string[] order = ["SkipGram NegativeSampling", "SkipGram HierarchicalSoftmax", "Cbow HierarchicalSoftmax", "Cbow NegativeSampling"];
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, name =>
        {
            string[] parts = name.Split(' ');
            // REFERENCE.md: vector size 100, window 5, sample 1e-3, 5 epochs, min_count 5, alpha 0.025 → 0.0001, negative 5.
            var model = new Word2Vec(Enum.Parse<Word2VecArchitecture>(parts[0]), Enum.Parse<Word2VecObjective>(parts[1]),
                dimension: 100, window: 5, minCount: 5, sample: 1e-3, negative: 5, epochs: 5, seed: 1, threads: 1);
            Word2VecSummary summary = model.Train(sentences);
            Results[name] = (EmbeddingQuality.RelatedMinusRandom(model.Vectors, model.Vocabulary), summary);
        });
    }
}

public sealed class Word2VecQualityTests(AustenEmbeddings embeddings, ITestOutputHelper output) : IClassFixture<AustenEmbeddings>
{
    [Theory]
    // gensim 4.2, REFERENCE.md "Word embeddings": related − random cosine per configuration.
    [InlineData("Cbow HierarchicalSoftmax", 0.529)]
    [InlineData("Cbow NegativeSampling", 0.253)]
    [InlineData("SkipGram HierarchicalSoftmax", 0.446)]
    [InlineData("SkipGram NegativeSampling", 0.215)]
    public void Quality_on_Austen_is_within_0_05_of_gensim(string configuration, double gensim)
    {
        (double quality, Word2VecSummary summary) = embeddings.Results[configuration];
        output.WriteLine($"{configuration}: related − random {quality:F3} (gensim {gensim:F3}), vocabulary {summary.VocabularySize}, " +
                         $"{summary.Elapsed.TotalSeconds:F2} s, {summary.WordsPerSecond:N0} raw words/s on one thread (shared with the other configurations)");
        Assert.Equal(5_896, summary.VocabularySize);
        Assert.InRange(quality, gensim - 0.05, gensim + 0.05);
    }
}
