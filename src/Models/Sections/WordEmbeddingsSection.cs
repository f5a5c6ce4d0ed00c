using Specialized.Models.Report;
using Specialized.Text;

namespace Specialized.Models.Sections;

/// <summary>Learns word vectors from Pride and Prejudice and shows what they capture, with the training speed.</summary>
public static class WordEmbeddingsSection
{
    private static readonly string[] Probes = ["elizabeth", "darcy", "sister", "happy"];

    /// <summary>
    /// Trains the four word2vec configurations (reference settings: 100 dimensions, window 5, sample 1e-3,
    /// min_count 5, 5 epochs), each on one thread and on all cores, for a table of speeds; then prints
    /// nearest neighbours of a few words and one analogy from CBOW + hierarchical softmax trained for 30
    /// epochs (one novel is a small corpus: at 5 epochs the neighbours are still mostly noise), and CBOW + negative
    /// sampling at 30 epochs beside the mean cosine of random pairs, which the 5-epoch NS rows have near 1.
    /// </summary>
    public static void Run(string dataDirectory, TextWriter output)
    {
        List<string[]> sentences = WordTokenizer.Sentences(File.ReadAllText(Path.Combine(dataDirectory, "pride_and_prejudice.txt")));
        // Warm up the training path once so the timings are the steady state.
        new Word2Vec(epochs: 1).Train(sentences.Take(10).ToList());

        var rows = new List<ResultRow>();
        foreach (Word2VecArchitecture architecture in new[] { Word2VecArchitecture.Cbow, Word2VecArchitecture.SkipGram })
        {
            foreach (Word2VecObjective objective in new[] { Word2VecObjective.HierarchicalSoftmax, Word2VecObjective.NegativeSampling })
            {
                var one = new Word2Vec(architecture, objective, threads: 1);
                Word2VecSummary oneSummary = one.Train(sentences);
                Word2VecSummary allSummary = new Word2Vec(architecture, objective, threads: 0).Train(sentences);
                WordVectors vectors = one.Vectors;
                rows.Add(new ResultRow($"word2vec {Name(architecture, objective)}", $"Pride and Prejudice, {oneSummary.VocabularySize:N0} words",
                    $"cos his~her {vectors.Similarity("his", "her"):F2}, elizabeth~jane {vectors.Similarity("elizabeth", "jane"):F2}, random pairs {MeanCosine(vectors):F2}",
                    $"{oneSummary.WordsPerSecond:N0} words/s 1 thread, {allSummary.WordsPerSecond:N0} on {allSummary.Threads}",
                    $"gensim on Austen {Reference(architecture, objective)} words/s 1 thread"));
            }
        }

        var shownModel = new Word2Vec(Word2VecArchitecture.Cbow, Word2VecObjective.HierarchicalSoftmax, epochs: 30, threads: 1);
        Word2VecSummary shownSummary = shownModel.Train(sentences);
        WordVectors shown = shownModel.Vectors;
        output.WriteLine();
        output.WriteLine($"Word embeddings: word2vec on Pride and Prejudice ({sentences.Sum(s => s.Length):N0} tokens), CBOW + hierarchical softmax, " +
                         $"30 epochs, one thread, seed 1 ({shownSummary.Elapsed.TotalSeconds:F2} s, {shownSummary.WordsPerSecond:N0} words/s):");
        foreach (string word in Probes)
            output.WriteLine($"  nearest to {word,-10} {string.Join(", ", shown.MostSimilar(word, 5))}");
        output.WriteLine($"  analogy his − he + she  {string.Join(", ", shown.Analogy("his", "he", "she", 3))}");

        // Negative sampling has no bias term: every vector first grows a shared direction that stands in for
        // it, and only then the part that tells words apart. 5 epochs of one novel stop in the first stage
        // (the table's NS rows: random pairs at 0.9–1.0, on every vector width alike); 30 epochs get past it.
        var longerNs = new Word2Vec(Word2VecArchitecture.Cbow, Word2VecObjective.NegativeSampling, epochs: 30, threads: 1);
        longerNs.Train(sentences);
        WordVectors ns = longerNs.Vectors;
        output.WriteLine($"  CBOW + NS 5, 30 epochs: cos his~her {ns.Similarity("his", "her"):F2}, elizabeth~jane {ns.Similarity("elizabeth", "jane"):F2}, " +
                         $"random pairs {MeanCosine(ns):F2}; nearest to elizabeth {string.Join(", ", ns.MostSimilar("elizabeth", 3))}");
        output.WriteLine("  (at 5 epochs the NS vectors of one novel still share one direction: see \"random pairs\" below, and docs/embeddings.md)");
        ResultTable.Write(output, "Word embeddings (word2vec, 100 dimensions, window 5, 5 epochs; raw words/s as gensim counts them)", rows);
    }

    /// <summary>The mean cosine over all pairs of distinct words, (|Σu|² − n) / (n(n − 1)) for unit vectors u: the baseline a related pair should beat.</summary>
    private static double MeanCosine(WordVectors vectors)
    {
        var sum = new double[vectors.Dimension];
        for (int w = 0; w < vectors.Count; w++)
        {
            ReadOnlySpan<float> v = vectors.AllVectors.Slice(w * vectors.Dimension, vectors.Dimension);
            double norm = 0;
            foreach (float x in v) norm += (double)x * x;
            norm = Math.Sqrt(norm);
            for (int d = 0; d < v.Length; d++) sum[d] += v[d] / norm;
        }
        double n = vectors.Count, squared = 0;
        foreach (double x in sum) squared += x * x;
        return (squared - n) / (n * (n - 1));
    }

    private static string Name(Word2VecArchitecture architecture, Word2VecObjective objective) =>
        $"{(architecture == Word2VecArchitecture.Cbow ? "CBOW" : "skip-gram")} + {(objective == Word2VecObjective.HierarchicalSoftmax ? "HS" : "NS 5")}";

    private static string Reference(Word2VecArchitecture architecture, Word2VecObjective objective) => (architecture, objective) switch
    {
        (Word2VecArchitecture.Cbow, Word2VecObjective.HierarchicalSoftmax) => "540,000",
        (Word2VecArchitecture.Cbow, _) => "676,000",
        (_, Word2VecObjective.HierarchicalSoftmax) => "204,000",
        _ => "177,000",
    };
}
