using Specialized.Text;

namespace Specialized.Tests.Text;

public sealed class HuffmanTreeTests
{
    public static TheoryData<long[]> Counts() => new()
    {
        new long[] { 5, 3 },
        new long[] { 9, 4, 4, 2, 1 },
        new long[] { 1, 1, 1, 1, 1, 1, 1, 1 },
        new long[] { 100, 50, 25, 12, 6, 3, 2, 1, 1 },
        Enumerable.Range(1, 300).Select(i => (long)(10_000 / i)).ToArray(),   // Zipf-like, many ties
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Code_lengths_are_optimal_for_the_counts(long[] counts)
    {
        HuffmanTree tree = HuffmanTree.Build(counts);
        long cost = 0;
        for (int w = 0; w < counts.Length; w++) cost += counts[w] * tree.CodeOf(w).Length;
        // The optimal weighted path length, by the textbook heap construction: the sum of all merge weights.
        var heap = new PriorityQueue<long, long>();
        foreach (long c in counts) heap.Enqueue(c, c);
        long optimal = 0;
        while (heap.Count > 1)
        {
            long merged = heap.Dequeue() + heap.Dequeue();
            optimal += merged;
            heap.Enqueue(merged, merged);
        }
        Assert.Equal(optimal, cost);
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Codes_are_prefix_free_and_paths_follow_the_codes(long[] counts)
    {
        HuffmanTree tree = HuffmanTree.Build(counts);
        int v = counts.Length;
        var codes = Enumerable.Range(0, v).Select(w => string.Concat(tree.CodeOf(w).ToArray().Select(b => (char)('0' + b)))).ToArray();
        for (int a = 0; a < v; a++)
        {
            for (int b = 0; b < v; b++)
            {
                if (a != b) Assert.False(codes[b].StartsWith(codes[a], StringComparison.Ordinal), $"code of {a} ({codes[a]}) is a prefix of {b}'s ({codes[b]})");
            }
        }
        // Every path starts at the root (row V-2), stays inside the V-1 inner rows, and two words that
        // share a code prefix share the inner nodes along it.
        var nodeOfPrefix = new Dictionary<string, int>();
        for (int w = 0; w < v; w++)
        {
            ReadOnlySpan<int> path = tree.PathOf(w);
            Assert.Equal(codes[w].Length, path.Length);
            Assert.Equal(v - 2, path[0]);
            for (int k = 0; k < path.Length; k++)
            {
                Assert.InRange(path[k], 0, v - 2);
                string prefix = codes[w][..k];
                if (nodeOfPrefix.TryGetValue(prefix, out int node)) Assert.Equal(node, path[k]);
                else nodeOfPrefix[prefix] = path[k];
            }
        }
        Assert.Equal(v - 1, nodeOfPrefix.Count);   // every inner node is reached
    }

    [Fact]
    public void More_frequent_words_never_get_longer_codes()
    {
        long[] counts = [50, 40, 30, 20, 10, 5, 5, 1];
        HuffmanTree tree = HuffmanTree.Build(counts);
        for (int w = 1; w < counts.Length; w++) Assert.True(tree.CodeOf(w - 1).Length <= tree.CodeOf(w).Length);
    }
}
