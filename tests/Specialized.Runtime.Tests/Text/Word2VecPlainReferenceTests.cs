using Specialized.Text;

namespace Specialized.Tests.Text;

/// <summary>
/// Whole training runs of negative sampling against gensim's algorithm written out plainly (jagged rows,
/// scalar loops, an exact logistic, a fresh <c>neu1e</c> per pair), drawing from the same random stream,
/// on every vector width. A wrong gradient sign, a missing reset of the input's error, a negative that is
/// not skipped or not drawn, or a lane bug would move the weights far beyond the tolerance, which only
/// covers the summation order of the dot product and the interpolated logistic.
/// </summary>
public sealed class Word2VecPlainReferenceTests
{
    private const int Dimension = 10, Window = 3, Negative = 5, Epochs = 2, MinCount = 2, Seed = 7;
    private const double Sample = 1e-3, Alpha = 0.025, MinAlpha = 0.0001;

    public static TheoryData<Word2VecArchitecture, string> Cases()
    {
        var data = new TheoryData<Word2VecArchitecture, string>();
        foreach (Word2VecArchitecture architecture in new[] { Word2VecArchitecture.Cbow, Word2VecArchitecture.SkipGram })
            foreach (VectorPath path in new[] { VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
                data.Add(architecture, path.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Negative_sampling_matches_the_plain_gensim_algorithm(Word2VecArchitecture architecture, string width)
    {
        VectorPath path = Enum.Parse<VectorPath>(width);
        List<string[]> sentences = SmallCorpus.Sentences.Take(3).ToList();
        var model = new Word2Vec(architecture, Word2VecObjective.NegativeSampling, Dimension, Window, MinCount, Sample, Negative, Epochs,
            Alpha, MinAlpha, Seed, threads: 1) { Path = path };
        model.Train(sentences);
        (float[][] inputs, float[][] outputs) = PlainTrain(architecture, sentences);

        Word2VecModel trained = model.Model!;
        double largest = 0, largestOutput = 0, worst = 0;
        for (int w = 0; w < inputs.Length; w++)
        {
            for (int d = 0; d < Dimension; d++)
            {
                largest = Math.Max(largest, Math.Max(Math.Abs(inputs[w][d]), Math.Abs(outputs[w][d])));
                largestOutput = Math.Max(largestOutput, Math.Abs(outputs[w][d]));
                worst = Math.Max(worst, Math.Abs(trained.Inputs.Row(w)[d] - inputs[w][d]));
                worst = Math.Max(worst, Math.Abs(trained.Outputs.Row(w)[d] - outputs[w][d]));
            }
        }
        // The runs trained the output rows (zero at the start) ...
        Assert.True(largestOutput > 0.01, $"largest output weight {largestOutput}");
        // ... and agree with the plain algorithm up to rounding.
        Assert.True(worst < 1e-4 * largest, $"largest difference {worst} against largest weight {largest}");
    }

    /// <summary>gensim's <c>train_batch_sg</c>/<c>train_batch_cbow</c> with <c>negative</c> &gt; 0, one thread, written out.</summary>
    private static (float[][] Inputs, float[][] Outputs) PlainTrain(Word2VecArchitecture architecture, List<string[]> sentences)
    {
        Vocabulary vocabulary = Vocabulary.Build(sentences, MinCount, Sample);
        var sampler = new NegativeSampler([.. vocabulary.Counts]);
        int v = vocabulary.Count;
        var init = new Word2VecRandom((ulong)(uint)Seed ^ 0x5DEECE66DUL);
        float[][] syn0 = new float[v][], syn1neg = new float[v][];
        for (int w = 0; w < v; w++)
        {
            syn0[w] = new float[Dimension];
            syn1neg[w] = new float[Dimension];
            for (int d = 0; d < Dimension; d++) syn0[w][d] = (init.NextSingle() - 0.5f) / Dimension;
        }

        var random = new Word2VecRandom((ulong)(uint)Seed);
        long total = vocabulary.TrainWordCount * Epochs, done = 0;
        var neu1 = new float[Dimension];
        var neu1e = new float[Dimension];
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            foreach (string[] tokens in sentences)
            {
                int[] indexes = tokens.Select(vocabulary.IndexOf).Where(i => i >= 0).ToArray();
                float alpha = (float)Math.Max(MinAlpha, (float)(Alpha - (Alpha - MinAlpha) * (done / (double)total)));
                done += indexes.Length;
                var kept = new List<int>();
                foreach (int word in indexes)
                {
                    if (vocabulary.KeepThresholds[word] >= random.NextUInt32()) kept.Add(word);
                }
                int[] reduced = kept.Select(_ => (int)(random.NextUInt32() % Window)).ToArray();
                for (int i = 0; i < kept.Count; i++)
                {
                    int from = Math.Max(0, i - Window + reduced[i]), to = Math.Min(kept.Count, i + Window + 1 - reduced[i]);
                    if (architecture == Word2VecArchitecture.SkipGram)
                    {
                        for (int j = from; j < to; j++)
                        {
                            if (j == i) continue;
                            Array.Clear(neu1e);
                            Pair(syn0[kept[j]], kept[i], syn1neg, sampler, ref random, alpha, neu1e);
                            for (int d = 0; d < Dimension; d++) syn0[kept[j]][d] += neu1e[d];
                        }
                    }
                    else
                    {
                        Array.Clear(neu1);
                        int count = 0;
                        for (int j = from; j < to; j++)
                        {
                            if (j == i) continue;
                            for (int d = 0; d < Dimension; d++) neu1[d] += syn0[kept[j]][d];
                            count++;
                        }
                        if (count == 0) continue;
                        for (int d = 0; d < Dimension; d++) neu1[d] /= count;
                        Array.Clear(neu1e);
                        Pair(neu1, kept[i], syn1neg, sampler, ref random, alpha, neu1e);
                        for (int j = from; j < to; j++)
                        {
                            if (j == i) continue;
                            for (int d = 0; d < Dimension; d++) syn0[kept[j]][d] += neu1e[d];
                        }
                    }
                }
            }
        }
        return (syn0, syn1neg);
    }

    /// <summary>The true word with label 1, then <see cref="Negative"/> draws with label 0 (a draw of the true word is dropped).</summary>
    private static void Pair(float[] hidden, int word, float[][] syn1neg, NegativeSampler sampler, ref Word2VecRandom random, float alpha, float[] neu1e)
    {
        for (int k = 0; k <= Negative; k++)
        {
            int target = word;
            float label = 1;
            if (k > 0)
            {
                target = sampler.Sample(random.NextUInt32());
                if (target == word) continue;
                label = 0;
            }
            float[] output = syn1neg[target];
            double dot = 0;
            for (int d = 0; d < Dimension; d++) dot += (double)hidden[d] * output[d];
            if (dot <= -6 || dot >= 6) continue;
            float g = (float)((label - 1 / (1 + Math.Exp(-dot))) * alpha);
            for (int d = 0; d < Dimension; d++) neu1e[d] += g * output[d];
            for (int d = 0; d < Dimension; d++) output[d] += g * hidden[d];
        }
    }
}
