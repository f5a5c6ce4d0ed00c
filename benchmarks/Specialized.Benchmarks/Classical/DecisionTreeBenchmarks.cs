using BenchmarkDotNet.Attributes;
using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>CART on digits (1,438 × 64, gini, fully grown): training, and predicting the 359 test rows.</summary>
[MemoryDiagnoser]
public class DecisionTreeTrainingBenchmarks
{
    private Dataset _train = null!;

    [GlobalSetup]
    public void Setup() => _train = ClassicalData.Load().Train;

    [Benchmark(Baseline = true)]
    public int NaiveSortPerNode()
    {
        var weights = Enumerable.Repeat(1.0, _train.Count).ToArray();
        var tree = NaiveCart.Fit(_train.Features, 64, _train.Labels, weights, Enumerable.Range(0, _train.Count).ToList(), 10, int.MaxValue, 64, new Random(0));
        return tree.Classes;
    }

    [Benchmark]
    public int Presorted()
    {
        var tree = new DecisionTree(seed: 0);
        tree.Fit(_train.Features, 64, _train.Labels);
        return tree.NodeCount;
    }
}

[MemoryDiagnoser]
public class DecisionTreePredictionBenchmarks
{
    private Dataset _test = null!;
    private NaiveCart _naive = null!;
    private DecisionTree _tree = null!;
    private int[] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (train, test) = ClassicalData.Load();
        _test = test;
        _naive = NaiveCart.Fit(train.Features, 64, train.Labels, Enumerable.Repeat(1.0, train.Count).ToArray(), Enumerable.Range(0, train.Count).ToList(), 10, int.MaxValue, 64, new Random(0));
        _tree = new DecisionTree(seed: 0);
        _tree.Fit(train.Features, 64, train.Labels);
        _labels = new int[test.Count];
    }

    [Benchmark(Baseline = true)]
    public int NaiveNodeObjects()
    {
        int sum = 0;
        for (int r = 0; r < _test.Count; r++) sum += _naive.Predict(_test.Row(r));
        return sum;
    }

    [Benchmark]
    public int FlattenedNodes()
    {
        _tree.Predict(_test.Features, _labels);
        return _labels[0];
    }
}
