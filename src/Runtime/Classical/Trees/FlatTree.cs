using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Classical;

/// <summary>
/// A trained tree packed for prediction: one array of 12-byte nodes in breadth-first order, the two
/// children of a split stored next to each other so the walk is <c>i = next + (x &gt; threshold)</c>
/// with no second pointer and no branch on the direction; leaf posteriors in one table.
/// </summary>
internal sealed class FlatTree
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct Node
    {
        /// <summary>Samples with feature value ≤ threshold go left.</summary>
        public float Threshold;

        /// <summary>The feature tested, or −1 for a leaf.</summary>
        public int Feature;

        /// <summary>For a split, the index of the left child (the right one follows); for a leaf, its row in the posterior table.</summary>
        public int Next;
    }

    private readonly Node[] _nodes;
    private readonly float[] _posteriors;
    private readonly int[] _leafClasses;

    public FlatTree(Node[] nodes, float[] posteriors, int[] leafClasses, int classes, int depth)
    {
        _nodes = nodes;
        _posteriors = posteriors;
        _leafClasses = leafClasses;
        Classes = classes;
        Depth = depth;
        foreach (Node node in nodes) FeaturesRead = Math.Max(FeaturesRead, node.Feature + 1);
    }

    /// <summary>One more than the largest feature index any split reads: the shortest sample <see cref="LeafOf"/> accepts.</summary>
    public int FeaturesRead { get; }

    public int Classes { get; }

    public int NodeCount => _nodes.Length;

    public int LeafCount => _leafClasses.Length;

    /// <summary>The packed nodes, for writing a tree to a file (<see cref="RandomForestPart"/>).</summary>
    internal ReadOnlySpan<Node> Nodes => _nodes;

    /// <summary>The leaf posterior table (leaves × classes), for writing a tree to a file.</summary>
    internal ReadOnlySpan<float> Posteriors => _posteriors;

    /// <summary>The most probable class of every leaf, for writing a tree to a file.</summary>
    internal ReadOnlySpan<int> LeafClasses => _leafClasses;

    /// <summary>Length of the longest root-to-leaf path (0 for a single leaf).</summary>
    public int Depth { get; }

    /// <summary>The leaf that <paramref name="sample"/> falls into.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafOf(ReadOnlySpan<float> sample)
    {
        // The walk reads sample[node.Feature] unchecked. Callers check the sample against their own
        // feature count, but a Fit on another thread may have swapped in a tree over more features
        // since; this check, against the tree itself, keeps that misuse from reading past the span.
        if (sample.Length < FeaturesRead) ThrowShortSample(sample.Length);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        // Not MemoryMarshal.GetReference<float>: crossgen2 cannot inline that CoreLib generic, so a fresh process would
        // JIT-compile it at the first prediction. The span indexer is inlined everywhere (FeaturesRead ≥ 1 when a node splits).
        ref float x = ref sample.IsEmpty ? ref Unsafe.NullRef<float>() : ref Unsafe.AsRef(in sample[0]);
        int i = 0;
        while (true)
        {
            ref Node node = ref Unsafe.Add(ref nodes, i);
            if (node.Feature < 0) return node.Next;
            // The comparison as a 0/1 value (a setcc), not a branch: the JIT's profile-guided tier-1 code turned the
            // conditional into a data-dependent jump, 3x slower than the fully optimized code on the digits trees.
            i = node.Next + Unsafe.BitCast<bool, byte>(Unsafe.Add(ref x, node.Feature) > node.Threshold);
        }
    }

    // The messages are formatted out of line: LeafOf is inlined into every prediction loop, and a ReadyToRun method resolves
    // what its body names (string interpolation's handler and methods) before its first run (Require's remarks).
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowShortSample(int length) =>
        throw new ArgumentException($"sample has {length} features; this tree reads {FeaturesRead}.", "sample");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowShortSums(int length) =>
        throw new ArgumentException($"sums has {length} elements; this tree has {Classes} classes.", "sums");

    /// <summary>Class posteriors of a leaf (weighted class fractions of its training samples).</summary>
    public ReadOnlySpan<float> Posterior(int leaf) => _posteriors.AsSpan(leaf * Classes, Classes);

    /// <summary>The most probable class of a leaf.</summary>
    public int LeafClass(int leaf) => _leafClasses[leaf];

    /// <summary>Adds the posterior of <paramref name="sample"/>'s leaf to <paramref name="sums"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddPosterior(ReadOnlySpan<float> sample, Span<float> sums)
    {
        int leaf = LeafOf(sample);
        if (sums.Length < Classes) ThrowShortSums(sums.Length);
        ref float p = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_posteriors), leaf * Classes);
        ref float s = ref MemoryMarshal.GetReference(sums);
        for (int k = 0; k < Classes; k++) Unsafe.Add(ref s, k) += Unsafe.Add(ref p, k);
    }
}
