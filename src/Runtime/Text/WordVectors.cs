using System.Runtime.InteropServices;

namespace Specialized.Text;

/// <summary>
/// Learned (or loaded) word vectors and the usual queries: a word's vector, cosine similarity, nearest
/// neighbours and analogies. Immutable, so it may be queried from several threads at once.
/// </summary>
/// <remarks>
/// Queries compare unit-length copies of the vectors, kept in rows padded to 16 floats so the scan over
/// the whole vocabulary runs on full vector registers. A word that is not in the vocabulary is an
/// <see cref="ArgumentException"/> naming it, never a silent zero vector.
/// </remarks>
public sealed class WordVectors
{
    private readonly string[] _words;
    private readonly float[] _vectors;
    private readonly AlignedRows _unit;
    private readonly Dictionary<string, int> _index;

    /// <summary>Wraps <paramref name="vectors"/> (words × <paramref name="dimension"/>, row-major), copied.</summary>
    /// <exception cref="ArgumentException">The words are empty, null or repeated, or the lengths do not match.</exception>
    public WordVectors(IReadOnlyList<string> words, ReadOnlySpan<float> vectors, int dimension)
        : this(CheckedWords(words), vectors.ToArray(), dimension, check: true)
    {
    }

    internal WordVectors(string[] words, float[] vectors, int dimension, bool check = false)
    {
        Require.InRange(dimension, 1, 1 << 20);
        if (check)
        {
            Require.Length<float>(vectors, words.Length, dimension, nameof(vectors));
        }
        _words = words;
        _vectors = vectors;
        Dimension = dimension;
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++)
        {
            if (!_index.TryAdd(words[i], i))
                throw new ArgumentException($"words holds '{words[i]}' twice (rows {_index[words[i]]} and {i}); every word must be unique.", nameof(words));
        }
        _unit = new AlignedRows(words.Length, EmbeddingKernels.Stride(dimension));
        for (int w = 0; w < words.Length; w++)
        {
            ReadOnlySpan<float> row = vectors.AsSpan(w * dimension, dimension);
            double norm = 0;
            foreach (float v in row) norm += (double)v * v;
            float inverse = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
            Span<float> unit = _unit.Row(w);
            for (int d = 0; d < dimension; d++) unit[d] = row[d] * inverse;
        }
    }

    /// <summary>Number of words.</summary>
    public int Count => _words.Length;

    /// <summary>Values per vector.</summary>
    public int Dimension { get; }

    /// <summary>The words in row order (most frequent first for trained vectors).</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Forces a vector width for the similarity scan (tests).</summary>
    internal VectorPath Path { get; init; }

    /// <summary>Whether <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return _index.ContainsKey(word);
    }

    /// <summary>The row of <paramref name="word"/>, or -1.</summary>
    public int IndexOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return _index.TryGetValue(word, out int i) ? i : -1;
    }

    /// <summary>All vectors, words × dimension, row-major.</summary>
    public ReadOnlySpan<float> AllVectors => _vectors;

    /// <summary>The vector of <paramref name="word"/> as learned (not normalized).</summary>
    /// <exception cref="ArgumentException">The word is not in the vocabulary.</exception>
    public ReadOnlySpan<float> GetVector(string word) => _vectors.AsSpan(Find(word, nameof(word)) * Dimension, Dimension);

    /// <summary>Cosine similarity of two words.</summary>
    /// <exception cref="ArgumentException">A word is not in the vocabulary (the exception names it).</exception>
    public float Similarity(string first, string second)
    {
        int a = Find(first, nameof(first)), b = Find(second, nameof(second));
        return Dot(_unit.Row(a), _unit.Row(b));
    }

    /// <summary>The <paramref name="count"/> words closest to <paramref name="word"/> by cosine, the word itself excluded.</summary>
    /// <exception cref="ArgumentException">The word is not in the vocabulary.</exception>
    public IReadOnlyList<WordSimilarity> MostSimilar(string word, int count = 10)
    {
        int index = Find(word, nameof(word));
        Require.InRange(count, 0, int.MaxValue);
        return Nearest(_unit.Row(index), count, index, -1, -1);
    }

    /// <summary>The <paramref name="count"/> words closest to <paramref name="vector"/> (any vector of <see cref="Dimension"/> values) by cosine.</summary>
    public IReadOnlyList<WordSimilarity> NearestTo(ReadOnlySpan<float> vector, int count = 10)
    {
        Require.Length(vector, Dimension, nameof(vector));
        Require.InRange(count, 0, int.MaxValue);
        return Nearest(Normalized(vector), count, -1, -1, -1);
    }

    /// <summary>
    /// Solves "<paramref name="a"/> is to <paramref name="b"/> as <paramref name="c"/> is to ?" from the other
    /// side: the words closest to a − b + c (on unit vectors, as gensim's <c>most_similar(positive=[a, c],
    /// negative=[b])</c>), excluding the three inputs. <c>Analogy("king", "man", "woman")</c> asks for a queen.
    /// </summary>
    /// <exception cref="ArgumentException">A word is not in the vocabulary (the exception names it).</exception>
    public IReadOnlyList<WordSimilarity> Analogy(string a, string b, string c, int count = 1)
    {
        int ia = Find(a, nameof(a)), ib = Find(b, nameof(b)), ic = Find(c, nameof(c));
        Require.InRange(count, 0, int.MaxValue);
        var query = new float[Dimension];
        Span<float> ua = _unit.Row(ia), ub = _unit.Row(ib), uc = _unit.Row(ic);
        for (int d = 0; d < Dimension; d++) query[d] = ua[d] - ub[d] + uc[d];
        return Nearest(Normalized(query), count, ia, ib, ic);
    }

    /// <summary>
    /// Writes the cosine similarity of <paramref name="vector"/> with every word into <paramref name="similarities"/>
    /// (one per word, in row order): the vectorized scan behind the nearest-neighbour queries.
    /// </summary>
    public void CosineSimilarities(ReadOnlySpan<float> vector, Span<float> similarities)
    {
        Require.Length(vector, Dimension, nameof(vector));
        Require.Length<float>(similarities, Count, nameof(similarities));
        Scan(Normalized(vector), similarities);
    }

    /// <summary>Saves the vectors; the file is written to a temporary name and renamed, so a failure leaves any old file intact.</summary>
    /// <exception cref="InvalidOperationException">A word cannot be written in the word2vec formats (it holds white space).</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path, WordVectorFormat format) => WordVectorFiles.Save(this, path, format);

    /// <summary>Loads vectors saved by this library, word2vec.c or gensim.</summary>
    /// <exception cref="InvalidDataException">The file is damaged or not in <paramref name="format"/>; the message names the file and the place.</exception>
    public static WordVectors Load(string path, WordVectorFormat format) => WordVectorFiles.Load(path, format);

    private int Find(string word, string paramName)
    {
        ArgumentNullException.ThrowIfNull(word, paramName);
        if (_index.TryGetValue(word, out int i)) return i;
        throw new ArgumentException($"'{word}' is not in the vocabulary ({Count} words); it was rarer than the minimum count or never seen.", paramName);
    }

    private float[] Normalized(ReadOnlySpan<float> vector)
    {
        var padded = new float[_unit.Stride];
        double norm = 0;
        foreach (float v in vector) norm += (double)v * v;
        float inverse = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
        for (int d = 0; d < vector.Length; d++) padded[d] = vector[d] * inverse;
        return padded;
    }

    private float Dot(Span<float> x, Span<float> y) => VectorPaths.Resolve(Path) switch
    {
        VectorPath.Vector512 => EmbeddingKernels.Dot<EmbeddingLanes512>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), (nuint)x.Length),
        VectorPath.Vector256 => EmbeddingKernels.Dot<EmbeddingLanes256>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), (nuint)x.Length),
        VectorPath.Vector128 => EmbeddingKernels.Dot<EmbeddingLanes128>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), (nuint)x.Length),
        _ => EmbeddingKernels.Dot<ScalarEmbeddingLane>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), (nuint)x.Length),
    };

    private void Scan(float[] query, Span<float> similarities)
    {
        switch (VectorPaths.Resolve(Path))
        {
            case VectorPath.Vector512: Scan<EmbeddingLanes512>(query, similarities); break;
            case VectorPath.Vector256: Scan<EmbeddingLanes256>(query, similarities); break;
            case VectorPath.Vector128: Scan<EmbeddingLanes128>(query, similarities); break;
            default: Scan<ScalarEmbeddingLane>(query, similarities); break;
        }
    }

    private void Scan<TLanes>(float[] query, Span<float> similarities) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        ref float q = ref MemoryMarshal.GetArrayDataReference(query);
        ref float rows = ref _unit.Origin;
        nuint stride = (nuint)_unit.Stride;
        for (int w = 0; w < similarities.Length; w++)
            similarities[w] = EmbeddingKernels.Dot<TLanes>(ref q, ref System.Runtime.CompilerServices.Unsafe.Add(ref rows, (nuint)w * stride), stride);
    }

    private List<WordSimilarity> Nearest(Span<float> unitQuery, int count, int skip1, int skip2, int skip3)
    {
        var scores = new float[Count];
        Scan(unitQuery.ToArray(), scores);
        // Keep the best `count` by insertion: count is small next to the vocabulary.
        var best = new List<int>(count + 1);
        for (int w = 0; w < scores.Length; w++)
        {
            if (w == skip1 || w == skip2 || w == skip3) continue;
            if (best.Count == count && (count == 0 || scores[w] <= scores[best[^1]])) continue;
            int at = best.Count;
            while (at > 0 && scores[best[at - 1]] < scores[w]) at--;
            best.Insert(at, w);
            if (best.Count > count) best.RemoveAt(best.Count - 1);
        }
        return best.ConvertAll(w => new WordSimilarity(_words[w], scores[w]));
    }

    private static string[] CheckedWords(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0) throw new ArgumentException("words is empty; expected at least one word.", nameof(words));
        var result = new string[words.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = words[i] ?? throw new ArgumentException($"words[{i}] is null.", nameof(words));
        return result;
    }
}
