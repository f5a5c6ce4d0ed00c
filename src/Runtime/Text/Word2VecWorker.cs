using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Text;

/// <summary>
/// One training thread: its own random state and scratch rows, the shared weights. Several workers
/// update the shared rows without locks (Hogwild, as word2vec.c and gensim): collisions are rare for
/// a vocabulary of thousands of words and only add noise of the size of one update.
/// </summary>
internal sealed class Word2VecWorker
{
    private readonly Word2VecModel _model;
    private readonly AlignedRows _scratch;
    private readonly int[] _sentence;
    private readonly int[] _shrink;
    private readonly int[] _context;
    private readonly int[] _targets;
    private readonly byte[] _negativeCodes;
    private Word2VecRandom _random;

    public Word2VecWorker(Word2VecModel model, ulong seed)
    {
        _model = model;
        _random = new Word2VecRandom(seed);
        _scratch = new AlignedRows(2, model.Inputs.Stride);
        _sentence = new int[model.Corpus.MaxSentenceLength];
        _shrink = new int[model.Corpus.MaxSentenceLength];
        _context = new int[2 * model.Window];
        _targets = new int[model.Negative + 1];
        _negativeCodes = new byte[model.Negative + 1];
        _negativeCodes.AsSpan(1).Fill(1);
    }

    /// <summary>Occurrences trained on (after subsampling) by this worker, over all its calls.</summary>
    public long TrainedWords { get; private set; }

    /// <summary>Trains on sentences [<paramref name="first"/>, <paramref name="end"/>) once.</summary>
    public void Run(int first, int end, VectorPath path)
    {
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512: Run<EmbeddingLanes512>(first, end); break;
            case VectorPath.Vector256: Run<EmbeddingLanes256>(first, end); break;
            case VectorPath.Vector128: Run<EmbeddingLanes128>(first, end); break;
            default: Run<ScalarEmbeddingLane>(first, end); break;
        }
    }

    private void Run<TLanes>(int first, int end) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        Word2VecModel m = _model;
        EncodedCorpus corpus = m.Corpus;
        uint[] keep = m.Vocabulary.KeepThresholds;
        for (int s = first; s < end; s++)
        {
            // Alpha decays linearly with the words all threads have done, sentence by sentence.
            int start = corpus.Starts[s], stop = corpus.Starts[s + 1];
            long done = Interlocked.Add(ref m.WordsDone, stop - start) - (stop - start);
            float alpha = m.LearningRateAt(done);
            Interlocked.Add(ref m.RawWordsDone, corpus.RawLengths[s]);

            // Subsample frequent words (the window then spans the survivors, as in gensim), and draw
            // every position's window shrink up front, as gensim does.
            int length = 0;
            for (int k = start; k < stop; k++)
            {
                int word = corpus.Words[k];
                if (keep[word] < _random.NextUInt32()) continue;
                _sentence[length++] = word;
            }
            for (int i = 0; i < length; i++) _shrink[i] = (int)(_random.NextUInt32() % (uint)m.Window);
            TrainedWords += length;

            if (m.Architecture == Word2VecArchitecture.SkipGram) SkipGramSentence<TLanes>(length, alpha);
            else CbowSentence<TLanes>(length, alpha);
        }
    }

    private void SkipGramSentence<TLanes>(int length, float alpha) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        Word2VecModel m = _model;
        ref float inputs = ref m.Inputs.Origin;
        ref float outputs = ref m.Outputs.Origin;
        ref float error = ref _scratch.Origin;
        nuint stride = (nuint)m.Inputs.Stride;
        bool hierarchical = m.Objective == Word2VecObjective.HierarchicalSoftmax;
        for (int i = 0; i < length; i++)
        {
            int word = _sentence[i];
            int reach = m.Window - _shrink[i];
            int from = Math.Max(0, i - reach), to = Math.Min(length, i + reach + 1);
            for (int j = from; j < to; j++)
            {
                if (j == i) continue;
                if (hierarchical)
                {
                    Word2VecSteps.SkipGram<TLanes>(ref inputs, ref outputs, stride, _sentence[j], m.Tree!.PathOf(word), m.Tree.CodeOf(word), alpha, ref error);
                }
                else
                {
                    int count = DrawTargets(word);
                    Word2VecSteps.SkipGram<TLanes>(ref inputs, ref outputs, stride, _sentence[j], _targets.AsSpan(0, count), _negativeCodes, alpha, ref error);
                }
            }
        }
    }

    private void CbowSentence<TLanes>(int length, float alpha) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        Word2VecModel m = _model;
        ref float inputs = ref m.Inputs.Origin;
        ref float outputs = ref m.Outputs.Origin;
        ref float hidden = ref _scratch.Origin;
        ref float error = ref Unsafe.Add(ref hidden, (nuint)_scratch.Stride);
        nuint stride = (nuint)m.Inputs.Stride;
        bool hierarchical = m.Objective == Word2VecObjective.HierarchicalSoftmax;
        for (int i = 0; i < length; i++)
        {
            int word = _sentence[i];
            int reach = m.Window - _shrink[i];
            int from = Math.Max(0, i - reach), to = Math.Min(length, i + reach + 1);
            int count = 0;
            for (int j = from; j < to; j++)
            {
                if (j != i) _context[count++] = _sentence[j];
            }
            if (count == 0) continue;
            ReadOnlySpan<int> context = new(_context, 0, count);
            if (hierarchical)
            {
                Word2VecSteps.Cbow<TLanes>(ref inputs, ref outputs, stride, context, m.Tree!.PathOf(word), m.Tree.CodeOf(word), alpha, ref hidden, ref error);
            }
            else
            {
                int targets = DrawTargets(word);
                Word2VecSteps.Cbow<TLanes>(ref inputs, ref outputs, stride, context, _targets.AsSpan(0, targets), _negativeCodes, alpha, ref hidden, ref error);
            }
        }
    }

    /// <summary>The word, then <c>negative</c> draws that are not the word (a draw equal to it is dropped, as gensim does); returns how many.</summary>
    private int DrawTargets(int word)
    {
        ref int targets = ref MemoryMarshal.GetArrayDataReference(_targets);
        targets = word;
        int count = 1;
        NegativeSampler sampler = _model.Sampler!;
        for (int d = 0; d < _model.Negative; d++)
        {
            int target = sampler.Sample(_random.NextUInt32());
            if (target == word) continue;
            Unsafe.Add(ref targets, count++) = target;
        }
        return count;
    }
}
