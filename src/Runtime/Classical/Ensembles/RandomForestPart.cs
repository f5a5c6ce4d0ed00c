using System.Globalization;
using System.Runtime.InteropServices;
using Specialized.IO;

namespace Specialized.Classical;

/// <summary>
/// A consecutive range of a <see cref="RandomForest"/>'s trees grown by <see cref="RandomForest.FitTrees"/>, with what
/// <see cref="RandomForest.Assemble"/> needs to rebuild the whole forest exactly: each tree's impurity decreases and,
/// with bootstrap, the leaf each out-of-bag training row falls into (so the out-of-bag score needs no samples), plus the
/// settings and a fingerprint of the data it was grown with, so parts of different forests or data are refused.
/// Parts travel as safetensors bytes (<see cref="ToBytes"/>, <see cref="FromBytes"/>).
/// </summary>
/// <example><code>
/// var forest = new RandomForest(treeCount: 100, seed: 0);
/// byte[] a = forest.FitTrees(x, 64, y, 0, 50).ToBytes(), b = forest.FitTrees(x, 64, y, 50, 50).ToBytes(); // anywhere
/// forest.Assemble([RandomForestPart.FromBytes(a), RandomForestPart.FromBytes(b)]); // the same forest as forest.Fit(x, 64, y)
/// </code></example>
public sealed class RandomForestPart
{
    private const string FormatKey = "format";
    private const string FormatName = "specialized.random_forest_part.v1";
    private const string SettingsKey = "settings";
    private const string FirstTreeKey = "first_tree";
    private const string FeaturesKey = "features";
    private const string ClassesKey = "classes";
    private const string FingerprintKey = "data_fingerprint";

    internal RandomForestPart(string settings, int firstTree, int featureCount, int classCount, int[] labels, ulong dataFingerprint, FlatTree[] trees, double[] importances, int[] outOfBagLeaves)
    {
        Settings = settings;
        FirstTree = firstTree;
        FeatureCount = featureCount;
        ClassCount = classCount;
        Labels = labels;
        DataFingerprint = dataFingerprint;
        Trees = trees;
        Importances = importances;
        OutOfBagLeaves = outOfBagLeaves;
    }

    /// <summary>Index of the part's first tree in its forest.</summary>
    public int FirstTree { get; }

    /// <summary>Number of trees in the part.</summary>
    public int TreeCount => Trees.Length;

    /// <summary>Features per training sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Classes of the training labels.</summary>
    public int ClassCount { get; }

    /// <summary>Training samples the trees were grown on.</summary>
    public int SampleCount => Labels.Length;

    /// <summary>The forest settings the trees were grown with (tree count, criterion, limits, features per split, bootstrap, seed).</summary>
    public string Settings { get; }

    internal int[] Labels { get; }

    internal ulong DataFingerprint { get; }

    internal FlatTree[] Trees { get; }

    // Impurity decrease per feature of each tree (trees × features).
    internal double[] Importances { get; }

    // Per tree, the leaf of each training row left out of its bootstrap, or −1 (trees × rows); empty without bootstrap.
    internal int[] OutOfBagLeaves { get; }

    internal string DataDescription => string.Create(CultureInfo.InvariantCulture, $"{SampleCount} samples × {FeatureCount} features, {ClassCount} classes, fingerprint {DataFingerprint:x16}");

    internal string Describe() => string.Create(CultureInfo.InvariantCulture, $"of trees {FirstTree}-{FirstTree + TreeCount - 1}");

    /// <summary>The part as a safetensors file: the trees' nodes and leaves, importances, out-of-bag leaves and labels as tensors, the settings as metadata.</summary>
    public byte[] ToBytes()
    {
        int nodes = Trees.Sum(t => t.NodeCount), leaves = Trees.Sum(t => t.LeafCount);
        var thresholds = new float[nodes];
        var features = new long[nodes];
        var next = new long[nodes];
        var posteriors = new float[leaves * ClassCount];
        var leafClasses = new long[leaves];
        var nodeCounts = new long[TreeCount];
        var leafCounts = new long[TreeCount];
        var depths = new long[TreeCount];
        int n = 0, l = 0;
        for (int t = 0; t < TreeCount; t++)
        {
            FlatTree tree = Trees[t];
            nodeCounts[t] = tree.NodeCount;
            leafCounts[t] = tree.LeafCount;
            depths[t] = tree.Depth;
            foreach (FlatTree.Node node in tree.Nodes)
            {
                thresholds[n] = node.Threshold;
                features[n] = node.Feature;
                next[n++] = node.Next;
            }
            tree.Posteriors.CopyTo(posteriors.AsSpan(l * ClassCount));
            foreach (int leafClass in tree.LeafClasses) leafClasses[l++] = leafClass;
        }

        var writer = new SafeTensorsWriter();
        writer.AddMetadata(FormatKey, FormatName);
        writer.AddMetadata(SettingsKey, Settings);
        writer.AddMetadata(FirstTreeKey, FirstTree.ToString(CultureInfo.InvariantCulture));
        writer.AddMetadata(FeaturesKey, FeatureCount.ToString(CultureInfo.InvariantCulture));
        writer.AddMetadata(ClassesKey, ClassCount.ToString(CultureInfo.InvariantCulture));
        writer.AddMetadata(FingerprintKey, DataFingerprint.ToString("x16", CultureInfo.InvariantCulture));
        writer.AddInt64("node_counts", [TreeCount], nodeCounts);
        writer.AddInt64("leaf_counts", [TreeCount], leafCounts);
        writer.AddInt64("depths", [TreeCount], depths);
        writer.Add("thresholds", [nodes], thresholds);
        writer.AddInt64("node_features", [nodes], features);
        writer.AddInt64("node_next", [nodes], next);
        writer.Add("posteriors", [leaves, ClassCount], posteriors);
        writer.AddInt64("leaf_classes", [leaves], leafClasses);
        writer.AddFloat64("importances", [TreeCount, FeatureCount], Importances);
        writer.AddInt64("labels", [SampleCount], [.. Labels.Select(label => (long)label)]);
        if (OutOfBagLeaves.Length > 0) writer.AddInt64("out_of_bag_leaves", [TreeCount, SampleCount], [.. OutOfBagLeaves.Select(leaf => (long)leaf)]);
        return writer.ToBytes();
    }

    /// <summary>
    /// Reads a part written by <see cref="ToBytes"/>, checking every tree so a damaged part cannot make prediction read
    /// outside a tree or a sample (nodes point only forward and inside the tree, features and classes are in range).
    /// </summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="sourceName">The name to quote in error messages (a silo, a path).</param>
    /// <exception cref="InvalidDataException">The bytes are not a forest part or are damaged; the message says what is wrong.</exception>
    public static RandomForestPart FromBytes(byte[] bytes, string sourceName = "random forest part")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(sourceName);
        SafeTensorsFile file = SafeTensorsFile.Parse(bytes, sourceName);
        InvalidDataException Bad(string problem) => new($"Cannot read the random forest part '{sourceName}': {problem}");
        string Meta(string key) => file.Metadata.TryGetValue(key, out string? value) ? value : throw Bad($"metadata '{key}' is missing.");
        int Count(string key, int min)
        {
            string text = Meta(key);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min)
                throw Bad($"metadata '{key}' is '{text}'; expected an integer ≥ {min}.");
            return value;
        }
        if (Meta(FormatKey) != FormatName) throw Bad($"metadata '{FormatKey}' is '{Meta(FormatKey)}'; expected '{FormatName}'.");
        string settings = Meta(SettingsKey);
        int firstTree = Count(FirstTreeKey, 0), featureCount = Count(FeaturesKey, 1), classes = Count(ClassesKey, 1);
        if (!ulong.TryParse(Meta(FingerprintKey), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong fingerprint))
            throw Bad($"metadata '{FingerprintKey}' is '{Meta(FingerprintKey)}'; expected 16 hexadecimal digits.");

        long[] nodeCounts = file.ReadInt64("node_counts"), leafCounts = file.ReadInt64("leaf_counts"), depths = file.ReadInt64("depths");
        int treeCount = nodeCounts.Length;
        if (treeCount == 0) throw Bad("it holds no trees.");
        if (leafCounts.Length != treeCount || depths.Length != treeCount)
            throw Bad($"leaf_counts has {leafCounts.Length} and depths {depths.Length} entries; expected one per tree ({treeCount}).");
        float[] thresholds = file.ReadFloat32("thresholds"), posteriors = file.ReadFloat32("posteriors");
        long[] features = file.ReadInt64("node_features"), next = file.ReadInt64("node_next"), leafClasses = file.ReadInt64("leaf_classes");
        long nodes = nodeCounts.Sum(), leaves = leafCounts.Sum();
        if (nodeCounts.Any(c => c < 1) || thresholds.Length != nodes || features.Length != nodes || next.Length != nodes)
            throw Bad($"the trees' node counts sum to {nodes} but thresholds, node_features and node_next hold {thresholds.Length}, {features.Length} and {next.Length}.");
        if (leafCounts.Any(c => c < 1) || leafClasses.Length != leaves || posteriors.Length != leaves * classes)
            throw Bad($"the trees' leaf counts sum to {leaves} but leaf_classes holds {leafClasses.Length} and posteriors {posteriors.Length} (expected {leaves * classes} for {classes} classes).");

        var trees = new FlatTree[treeCount];
        int n = 0, l = 0;
        for (int t = 0; t < treeCount; t++)
        {
            int treeNodes = (int)nodeCounts[t], treeLeaves = (int)leafCounts[t];
            var packed = new FlatTree.Node[treeNodes];
            for (int i = 0; i < treeNodes; i++, n++)
            {
                long feature = features[n], child = next[n];
                // A split's children lie after it (breadth-first order) so every walk ends; a leaf names a row of its table.
                bool valid = feature < 0
                    ? feature == -1 && child >= 0 && child < treeLeaves
                    : feature < featureCount && child > i && child + 1 < treeNodes;
                if (!valid) throw Bad($"tree {firstTree + t} node {i} (feature {feature}, next {child}) points outside the tree ({treeNodes} nodes, {treeLeaves} leaves, {featureCount} features).");
                packed[i] = new FlatTree.Node { Threshold = thresholds[n], Feature = (int)feature, Next = (int)child };
            }
            var treeClasses = new int[treeLeaves];
            for (int i = 0; i < treeLeaves; i++)
            {
                long leafClass = leafClasses[l + i];
                if (leafClass < 0 || leafClass >= classes) throw Bad($"tree {firstTree + t} leaf {i} has class {leafClass}; expected one in [0, {classes}).");
                treeClasses[i] = (int)leafClass;
            }
            if (depths[t] < 0 || depths[t] >= treeNodes) throw Bad($"tree {firstTree + t} has depth {depths[t]}; expected one in [0, {treeNodes}).");
            trees[t] = new FlatTree(packed, posteriors.AsSpan(l * classes, treeLeaves * classes).ToArray(), treeClasses, classes, (int)depths[t]);
            l += treeLeaves;
        }

        double[] importances = file.ReadFloat64("importances");
        if (importances.Length != treeCount * featureCount)
            throw Bad($"importances holds {importances.Length} values; expected {treeCount * featureCount} ({treeCount} trees × {featureCount} features).");
        long[] labels = file.ReadInt64("labels");
        if (labels.Length == 0 || labels.Any(label => label < 0 || label >= classes)) throw Bad($"labels must be non-empty and in [0, {classes}).");
        int[] outOfBag = [];
        if (file.Contains("out_of_bag_leaves"))
        {
            long[] leavesByRow = file.ReadInt64("out_of_bag_leaves");
            if (leavesByRow.Length != treeCount * labels.Length)
                throw Bad($"out_of_bag_leaves holds {leavesByRow.Length} values; expected {treeCount * labels.Length} ({treeCount} trees × {labels.Length} samples).");
            outOfBag = new int[leavesByRow.Length];
            for (int i = 0; i < outOfBag.Length; i++)
            {
                long leaf = leavesByRow[i];
                int tree = i / labels.Length;
                if (leaf < -1 || leaf >= trees[tree].LeafCount)
                    throw Bad($"out_of_bag_leaves names leaf {leaf} of tree {firstTree + tree}, which has {trees[tree].LeafCount}.");
                outOfBag[i] = (int)leaf;
            }
        }
        return new RandomForestPart(settings, firstTree, featureCount, classes, [.. labels.Select(label => (int)label)], fingerprint, trees, importances, outOfBag);
    }

    // FNV-1a over the samples' and labels' bytes: enough to tell parts grown on different data apart (not a security check).
    internal static ulong Fingerprint(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels)
    {
        ulong hash = 14695981039346656037UL;
        void Mix(ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes) hash = (hash ^ b) * 1099511628211UL;
        }
        Mix(BitConverter.GetBytes(featureCount));
        Mix(MemoryMarshal.AsBytes(samples));
        Mix(MemoryMarshal.AsBytes(labels));
        return hash;
    }
}
