using Specialized.Text;

namespace Specialized.Benchmarks.Text;

/// <summary>
/// The baseline: word2vec written the obvious way, as a course would: jagged <c>float[][]</c> rows,
/// plain scalar <c>for</c> loops over the dimension, <c>MathF.Exp</c> for every sigmoid, one thread.
/// Same algorithm, vocabulary, tree, sampler and random stream as <see cref="Word2Vec"/>, so the ratio
/// measures only the training loops.
/// </summary>
internal sealed class NaiveWord2Vec(Word2VecArchitecture architecture, Word2VecObjective objective, int dimension = 100,
    int window = 5, int minCount = 5, double sample = 1e-3, int negative = 5, int epochs = 1, float alpha = 0.025f)
{
    public float[][] Train(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        Vocabulary vocabulary = Vocabulary.Build(sentences, minCount, sample);
        EncodedCorpus corpus = EncodedCorpus.Encode(sentences, vocabulary);
        long[] counts = [.. vocabulary.Counts];
        HuffmanTree? tree = objective == Word2VecObjective.HierarchicalSoftmax ? HuffmanTree.Build(counts) : null;
        NegativeSampler? sampler = tree is null ? new NegativeSampler(counts) : null;
        var random = new Word2VecRandom(1);
        float[][] input = new float[vocabulary.Count][], output = new float[vocabulary.Count][];
        for (int w = 0; w < vocabulary.Count; w++)
        {
            input[w] = new float[dimension];
            output[w] = new float[dimension];
            for (int d = 0; d < dimension; d++) input[w][d] = (random.NextSingle() - 0.5f) / dimension;
        }
        var hidden = new float[dimension];
        var error = new float[dimension];
        var sentence = new List<int>();
        long total = vocabulary.TrainWordCount * epochs, done = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int s = 0; s < corpus.SentenceCount; s++)
            {
                float a = Math.Max(0.0001f, alpha * (1 - done / (float)total));
                sentence.Clear();
                for (int k = corpus.Starts[s]; k < corpus.Starts[s + 1]; k++)
                {
                    int word = corpus.Words[k];
                    done++;
                    if (vocabulary.KeepThresholds[word] >= random.NextUInt32()) sentence.Add(word);
                }
                for (int i = 0; i < sentence.Count; i++)
                {
                    int reach = window - (int)(random.NextUInt32() % (uint)window);
                    var targets = new List<(int Row, float Label)>();
                    if (tree is not null)
                    {
                        for (int b = 0; b < tree.CodeOf(sentence[i]).Length; b++)
                            targets.Add((tree.PathOf(sentence[i])[b], 1 - tree.CodeOf(sentence[i])[b]));
                    }
                    for (int j = Math.Max(0, i - reach); j < Math.Min(sentence.Count, i + reach + 1); j++)
                    {
                        if (j == i || architecture == Word2VecArchitecture.Cbow) continue;
                        if (sampler is not null) targets = Negatives(sentence[i], negative, sampler, ref random);
                        Array.Clear(error);
                        Learn(input[sentence[j]], output, targets, a, error);
                        for (int d = 0; d < dimension; d++) input[sentence[j]][d] += error[d];
                    }
                    if (architecture == Word2VecArchitecture.Cbow)
                    {
                        Array.Clear(hidden);
                        int count = 0;
                        for (int j = Math.Max(0, i - reach); j < Math.Min(sentence.Count, i + reach + 1); j++)
                        {
                            if (j == i) continue;
                            for (int d = 0; d < dimension; d++) hidden[d] += input[sentence[j]][d];
                            count++;
                        }
                        if (count == 0) continue;
                        for (int d = 0; d < dimension; d++) hidden[d] /= count;
                        if (sampler is not null) targets = Negatives(sentence[i], negative, sampler, ref random);
                        Array.Clear(error);
                        Learn(hidden, output, targets, a, error);
                        for (int j = Math.Max(0, i - reach); j < Math.Min(sentence.Count, i + reach + 1); j++)
                        {
                            if (j == i) continue;
                            for (int d = 0; d < dimension; d++) input[sentence[j]][d] += error[d];
                        }
                    }
                }
            }
        }
        return input;
    }

    private static List<(int Row, float Label)> Negatives(int word, int negative, NegativeSampler sampler, ref Word2VecRandom random)
    {
        var targets = new List<(int, float)> { (word, 1f) };
        for (int k = 0; k < negative; k++)
        {
            int target = sampler.Sample(random.NextUInt32());
            if (target != word) targets.Add((target, 0f));
        }
        return targets;
    }

    private static void Learn(float[] h, float[][] output, List<(int Row, float Label)> targets, float alpha, float[] error)
    {
        foreach ((int row, float label) in targets)
        {
            float[] u = output[row];
            float f = 0;
            for (int d = 0; d < h.Length; d++) f += h[d] * u[d];
            if (f <= -6 || f >= 6) continue;
            float g = (label - 1 / (1 + MathF.Exp(-f))) * alpha;
            for (int d = 0; d < h.Length; d++) error[d] += g * u[d];
            for (int d = 0; d < h.Length; d++) u[d] += g * h[d];
        }
    }
}
