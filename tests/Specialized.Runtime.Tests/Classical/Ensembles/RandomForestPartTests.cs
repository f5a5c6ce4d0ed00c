using Specialized.Classical;
using Specialized.IO;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Ensembles;

/// <summary>
/// A forest grown in parts (as silos of a cluster would grow it), sent as bytes and assembled equals the forest one
/// <see cref="RandomForest.Fit"/> grows, bit for bit; parts that do not make one forest are refused, naming why.
/// </summary>
public class RandomForestPartTests
{
    [Theory]
    [InlineData("digits", true, false)]
    [InlineData("iris", true, true)]
    [InlineData("wine", false, false)]
    public void Parts_grown_apart_and_assembled_equal_a_full_fit(string set, bool bootstrap, bool majorityVote)
    {
        var (train, test) = Load(set);
        RandomForest Create(int? threads) => new(treeCount: 11, bootstrap: bootstrap, majorityVote: majorityVote, seed: 9, maxThreads: threads);
        RandomForest full = Create(null);
        full.Fit(train.Features, train.FeatureCount, train.Labels);

        // Uneven ranges grown by separate forests on one thread each, carried as bytes, handed over out of order.
        (int First, int Count)[] ranges = [(7, 4), (0, 3), (3, 4)];
        RandomForestPart[] parts = [.. ranges.Select(r => RandomForestPart.FromBytes(
            Create(1).FitTrees(train.Features, train.FeatureCount, train.Labels, r.First, r.Count).ToBytes()))];
        RandomForest assembled = Create(2);
        assembled.Assemble(parts);

        Assert.True(assembled.IsFitted);
        Assert.Equal(full.NodeCount, assembled.NodeCount);
        Assert.Equal(full.FeatureImportances, assembled.FeatureImportances);
        Assert.Equal(full.OutOfBagScore, assembled.OutOfBagScore);
        Assert.Equal(bootstrap, !double.IsNaN(assembled.OutOfBagScore));
        var expectedProbabilities = new float[test.Count * full.ClassCount];
        var probabilities = new float[test.Count * assembled.ClassCount];
        full.PredictProbabilities(test.Features, expectedProbabilities);
        assembled.PredictProbabilities(test.Features, probabilities);
        Assert.Equal(expectedProbabilities, probabilities);
        var expected = new int[test.Count];
        var predicted = new int[test.Count];
        full.Predict(test.Features, expected);
        assembled.Predict(test.Features, predicted);
        Assert.Equal(expected, predicted);
    }

    [Fact]
    public void Parts_that_do_not_make_one_forest_are_refused_naming_the_problem()
    {
        var (train, _) = Load("iris");
        var forest = new RandomForest(treeCount: 6, seed: 1, maxThreads: 1);
        RandomForestPart Part(RandomForest f, int first, int count) => f.FitTrees(train.Features, train.FeatureCount, train.Labels, first, count);
        RandomForestPart a = Part(forest, 0, 3), b = Part(forest, 3, 3);

        string Refusal(params RandomForestPart[] parts) => Assert.Throws<ArgumentException>(() => new RandomForest(treeCount: 6, seed: 1).Assemble(parts)).Message;
        Assert.Contains("trees 3-5 are missing", Refusal(a));
        Assert.Contains("trees 0-2 are missing", Refusal(b));
        Assert.Contains("overlaps", Refusal(a, Part(forest, 2, 4)));
        Assert.Contains("seed=2", Refusal(a, Part(new RandomForest(treeCount: 6, seed: 2), 3, 3)));
        Assert.Contains("max_depth=4", Refusal(a, Part(new RandomForest(treeCount: 6, maxDepth: 4, seed: 1), 3, 3)));
        Assert.Contains("trees=7", Refusal(a, Part(new RandomForest(treeCount: 7, seed: 1), 3, 3)));
        int[] otherLabels = [.. train.Labels.Select(label => (label + 1) % 3)];
        RandomForestPart otherData = new RandomForest(treeCount: 6, seed: 1).FitTrees(train.Features, train.FeatureCount, otherLabels, 3, 3);
        Assert.Contains("other data", Refusal(a, otherData));
        Assert.Contains("parts is empty", Refusal());
        Assert.False(new RandomForest(treeCount: 6, seed: 1).IsFitted);

        Assert.Throws<ArgumentOutOfRangeException>(() => Part(forest, 6, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Part(forest, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Part(forest, 0, 0));
    }

    [Fact]
    public void Damaged_part_bytes_are_refused_naming_what_is_wrong()
    {
        var (train, _) = Load("iris");
        byte[] bytes = new RandomForest(treeCount: 2, seed: 4).FitTrees(train.Features, train.FeatureCount, train.Labels, 0, 2).ToBytes();

        Assert.Throws<InvalidDataException>(() => RandomForestPart.FromBytes(bytes[..(bytes.Length - 9)]));
        // A split pointing back to the root would loop forever; one past the end would read outside the tree.
        Assert.Contains("points outside the tree", Assert.Throws<InvalidDataException>(() => RandomForestPart.FromBytes(Rewrite(bytes, "node_next", v => v[0] = 0))).Message);
        Assert.Contains("points outside the tree", Assert.Throws<InvalidDataException>(() => RandomForestPart.FromBytes(Rewrite(bytes, "node_next", v => v[0] = 1_000_000))).Message);
        Assert.Contains("points outside the tree", Assert.Throws<InvalidDataException>(() => RandomForestPart.FromBytes(Rewrite(bytes, "node_features", v => v[0] = 4))).Message);
        Assert.Contains("has class 3", Assert.Throws<InvalidDataException>(() => RandomForestPart.FromBytes(Rewrite(bytes, "leaf_classes", v => v[^1] = 3))).Message);
        Assert.Contains("out_of_bag_leaves", Assert.Throws<InvalidDataException>(() => RandomForestPart.FromBytes(Rewrite(bytes, "out_of_bag_leaves", v => v[0] = 99_999))).Message);
        Assert.Contains("'format'", Assert.Throws<InvalidDataException>(() => RandomForestPart.FromBytes(new SafeTensorsWriter().ToBytes())).Message);
        // The undamaged bytes still read.
        Assert.Equal(2, RandomForestPart.FromBytes(bytes).TreeCount);
    }

    // The same file with one integer tensor changed.
    private static byte[] Rewrite(byte[] bytes, string tensor, Action<long[]> change)
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(bytes, "part");
        var writer = new SafeTensorsWriter();
        foreach (var (key, value) in file.Metadata) writer.AddMetadata(key, value);
        foreach (string name in file.Names)
        {
            TensorInfo info = file.GetInfo(name);
            int[] shape = info.Shape.ToArray();
            if (info.DType == SafeTensorsDType.Int64)
            {
                long[] values = file.ReadInt64(name);
                if (name == tensor) change(values);
                writer.AddInt64(name, shape, values);
            }
            else if (info.DType == SafeTensorsDType.Float64)
            {
                writer.AddFloat64(name, shape, file.ReadFloat64(name));
            }
            else
            {
                writer.Add(name, shape, file.ReadFloat32(name));
            }
        }
        return writer.ToBytes();
    }
}
