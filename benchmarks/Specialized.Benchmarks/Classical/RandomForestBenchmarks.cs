using BenchmarkDotNet.Attributes;
using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// Random forest on digits, 100 trees, √64 = 8 features per split, bootstrap: training (naive, ours
/// on one thread, ours on two) and predicting the 359 test rows. sklearn n_jobs=1: 313 ms fit, 43.1 µs/row.
/// </summary>
[MemoryDiagnoser]
public class RandomForestTrainingBenchmarks
{
    private Dataset _train = null!;

    [GlobalSetup]
    public void Setup() => _train = ClassicalData.Load().Train;

    [Benchmark(Baseline = true)]
    public int NaiveSortPerNode()
    {
        var random = new Random(0);
        var weights = Enumerable.Repeat(1.0, _train.Count).ToArray();
        int classes = 0;
        for (int t = 0; t < 100; t++)
        {
            var bootstrap = Enumerable.Range(0, _train.Count).Select(_ => random.Next(_train.Count)).ToList();
            classes += NaiveCart.Fit(_train.Features, 64, _train.Labels, weights, bootstrap, 10, int.MaxValue, 8, random).Classes;
        }
        return classes;
    }

    [Benchmark]
    public int PresortedOneThread()
    {
        var forest = new RandomForest(treeCount: 100, seed: 0, maxThreads: 1);
        forest.Fit(_train.Features, 64, _train.Labels);
        return forest.NodeCount;
    }

    [Benchmark]
    public int PresortedTwoThreads()
    {
        var forest = new RandomForest(treeCount: 100, seed: 0, maxThreads: 2);
        forest.Fit(_train.Features, 64, _train.Labels);
        return forest.NodeCount;
    }
}

[MemoryDiagnoser]
public class RandomForestPredictionBenchmarks
{
    private Dataset _test = null!;
    private NaiveCart[] _naive = null!;
    private RandomForest _forest = null!;
    private int[] _labels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (train, test) = ClassicalData.Load();
        _test = test;
        var random = new Random(0);
        var weights = Enumerable.Repeat(1.0, train.Count).ToArray();
        _naive = Enumerable.Range(0, 100).Select(_ =>
            NaiveCart.Fit(train.Features, 64, train.Labels, weights, Enumerable.Range(0, train.Count).Select(_ => random.Next(train.Count)).ToList(), 10, int.MaxValue, 8, random)).ToArray();
        _forest = new RandomForest(treeCount: 100, seed: 0);
        _forest.Fit(train.Features, 64, train.Labels);
        _labels = new int[test.Count];
    }

    [Benchmark(Baseline = true)]
    public int NaiveNodeObjects()
    {
        int sum = 0;
        var average = new double[10];
        for (int r = 0; r < _test.Count; r++)
        {
            Array.Clear(average);
            foreach (var tree in _naive)
            {
                double[] p = tree.Posterior(_test.Row(r));
                for (int k = 0; k < 10; k++) average[k] += p[k];
            }
            sum += Array.IndexOf(average, average.Max());
        }
        return sum;
    }

    [Benchmark]
    public int FlattenedNodes()
    {
        _forest.Predict(_test.Features, _labels);
        return _labels[0];
    }
}
