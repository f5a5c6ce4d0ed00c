namespace Specialized.Text;

/// <summary>
/// The binary Huffman tree over the vocabulary that hierarchical softmax walks: each word's code (the
/// left/right turns from the root, 0 or 1) and path (the inner nodes it passes, each owning one output
/// vector). Frequent words get short codes, so the expected path length is minimal.
/// </summary>
/// <remarks>
/// Built as word2vec.c does, in O(V) with two queues over counts sorted in descending order: the two
/// lightest nodes merge, the lighter one taking code 0 and the other code 1. Inner node <c>k</c>
/// (the k-th merge) is output row <c>k</c>; the root is row V − 2. Codes and paths are stored flat:
/// word <c>w</c> owns <c>[Offsets[w], Offsets[w + 1])</c> of <see cref="Codes"/> and <see cref="Points"/>.
/// </remarks>
internal sealed class HuffmanTree
{
    private HuffmanTree(byte[] codes, int[] points, int[] offsets)
    {
        Codes = codes;
        Points = points;
        Offsets = offsets;
    }

    /// <summary>All codes, root first within each word.</summary>
    public byte[] Codes { get; }

    /// <summary>All paths (inner-node rows), root first within each word, aligned with <see cref="Codes"/>.</summary>
    public int[] Points { get; }

    /// <summary>Word w's code and path occupy [Offsets[w], Offsets[w+1]).</summary>
    public int[] Offsets { get; }

    /// <summary>Length of the longest code.</summary>
    public int MaxCodeLength { get; private init; }

    public ReadOnlySpan<byte> CodeOf(int word) => Codes.AsSpan(Offsets[word], Offsets[word + 1] - Offsets[word]);

    public ReadOnlySpan<int> PathOf(int word) => Points.AsSpan(Offsets[word], Offsets[word + 1] - Offsets[word]);

    /// <summary>Builds the tree for <paramref name="counts"/>, which must be sorted in descending order.</summary>
    public static HuffmanTree Build(ReadOnlySpan<long> counts)
    {
        int v = counts.Length;
        if (v == 1)
        {
            // One word: no decision to make. Give it a single node so training still has a target.
            return new HuffmanTree([0], [0], [0, 1]) { MaxCodeLength = 1 };
        }
        var weight = new long[2 * v - 1];
        var parent = new int[2 * v - 1];
        var bit = new byte[2 * v - 1];
        counts.CopyTo(weight);
        for (int k = 1; k < v; k++)
        {
            if (counts[k] > counts[k - 1]) throw new ArgumentException("counts must be sorted in descending order.", nameof(counts));
        }

        // Leaves are consumed from the light end (index v-1 downwards); merged nodes are created in
        // non-decreasing weight order (v, v+1, ...), so the lightest node is always at one of two fronts.
        int leaf = v - 1, inner = v;
        for (int k = 0; k < v - 1; k++)
        {
            int lightest = TakeLightest(weight, ref leaf, ref inner, v + k);
            int second = TakeLightest(weight, ref leaf, ref inner, v + k);
            weight[v + k] = weight[lightest] + weight[second];
            parent[lightest] = v + k;
            parent[second] = v + k;
            bit[second] = 1;
        }

        int root = 2 * v - 2;
        var lengths = new int[v];
        int total = 0, max = 0;
        for (int w = 0; w < v; w++)
        {
            int depth = 0;
            for (int node = w; node != root; node = parent[node]) depth++;
            lengths[w] = depth;
            total += depth;
            max = Math.Max(max, depth);
        }
        var codes = new byte[total];
        var points = new int[total];
        var offsets = new int[v + 1];
        for (int w = 0; w < v; w++) offsets[w + 1] = offsets[w] + lengths[w];
        for (int w = 0; w < v; w++)
        {
            // Walk up from the leaf, filling from the end so the root comes first.
            int position = offsets[w + 1] - 1;
            for (int node = w; node != root; node = parent[node], position--)
            {
                codes[position] = bit[node];
                points[position] = parent[node] - v;
            }
        }
        return new HuffmanTree(codes, points, offsets) { MaxCodeLength = max };
    }

    private static int TakeLightest(long[] weight, ref int leaf, ref int inner, int created)
    {
        if (leaf >= 0 && (inner >= created || weight[leaf] < weight[inner])) return leaf--;
        return inner++;
    }
}
