using Specialized.Models.Report;
using Specialized.Text;

namespace Specialized.Models.Sections;

/// <summary>Learns word vectors from Pride and Prejudice and shows what they capture, with the training speed.</summary>
public static class WordEmbeddingsSection
{
    private static readonly string[] Probes = ["elizabeth", "darcy", "letter", "sister"];

    /// <summary>
    /// Trains the four word2vec configurations (reference settings: 100 dimensions, window 5, sample 1e-3,
    /// min_count 5, 5 epochs), each on one thread and on all cores; prints nearest neighbours of a few
    /// words and one analogy from CBOW + hierarchical softmax, then a table of speeds.
    /// </summary>
    public static void Run(string dataDirectory, TextWriter output)
    {
        List<string[]> sentences = WordTokenizer.Sentences(File.ReadAllText(Path.Combine(dataDirectory, "pride_and_prejudice.txt")));
        // Warm up the training path once so the timings are the steady state.
        new Word2Vec(epochs: 1).Train(sentences.Take(10).ToList());

        var rows = new List<ResultRow>();
        WordVectors? shown = null;
        foreach (Word2VecArchitecture architecture in new[] { Word2VecArchitecture.Cbow, Word2VecArchitecture.SkipGram })
        {
            foreach (Word2VecObjective objective in new[] { Word2VecObjective.HierarchicalSoftmax, Word2VecObjective.NegativeSampling })
            {
                var one = new Word2Vec(architecture, objective, threads: 1);
                Word2VecSummary oneSummary = one.Train(sentences);
                Word2VecSummary allSummary = new Word2Vec(architecture, objective, threads: 0).Train(sentences);
                shown ??= one.Vectors;
                string elizabeth = string.Join(", ", one.Vectors.MostSimilar("elizabeth", 3).Select(n => n.Word));
                rows.Add(new ResultRow($"word2vec {Name(architecture, objective)}", $"Pride and Prejudice, {oneSummary.VocabularySize:N0} words",
                    $"elizabeth ≈ {elizabeth}",
                    $"{oneSummary.WordsPerSecond:N0} words/s 1 thread, {allSummary.WordsPerSecond:N0} on {allSummary.Threads}",
                    $"gensim on Austen {Reference(architecture, objective)} words/s 1 thread"));
            }
        }

        output.WriteLine();
        output.WriteLine($"Word embeddings: word2vec on Pride and Prejudice ({sentences.Sum(s => s.Length):N0} tokens), CBOW + hierarchical softmax, one thread, seed 1:");
        foreach (string word in Probes)
            output.WriteLine($"  nearest to {word,-10} {string.Join(", ", shown!.MostSimilar(word, 5))}");
        output.WriteLine($"  analogy mr − he + she   {string.Join(", ", shown!.Analogy("mr", "he", "she", 3))}");
        ResultTable.Write(output, "Word embeddings (word2vec, 100 dimensions, window 5, 5 epochs; raw words/s as gensim counts them)", rows);
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
