using BenchmarkDotNet.Attributes;
using Specialized.Classical;

namespace Specialized.Benchmarks.Classical;

/// <summary>
/// k = 5 nearest-neighbour prediction of the 359 digits test rows against the 1,438 training rows
/// (scikit-learn brute force: 35.3 µs per row). The baseline computes each distance with a scalar
/// double loop and sorts all of them.
/// </summary>
[MemoryDiagnoser]
public class KNearestNeighborsBenchmark
{
    private Dataset _train = null!, _test = null!;
    private double[][] _trainRows = [], _testRows = [];
    private readonly KNearestNeighbors _knn = new(5);
    private int[] _predicted = [];

    [GlobalSetup]
    public void Setup()
    {
        (_train, _test) = GenerativeBenchmarkData.Digits();
        _trainRows = GenerativeBenchmarkData.Rows(_train);
        _testRows = GenerativeBenchmarkData.Rows(_test);
        _knn.Fit(_train.Features, 64, _train.Labels);
        _predicted = new int[_test.Count];
    }

    [Benchmark(Baseline = true)]
    public int NaiveScalar()
    {
        int correct = 0;
        var distances = new double[_trainRows.Length];
        var order = new int[_trainRows.Length];
        for (int q = 0; q < _testRows.Length; q++)
        {
            for (int i = 0; i < _trainRows.Length; i++)
            {
                double sum = 0;
                for (int j = 0; j < 64; j++) sum += (_testRows[q][j] - _trainRows[i][j]) * (_testRows[q][j] - _trainRows[i][j]);
                distances[i] = sum;
                order[i] = i;
            }
            Array.Sort(order, (a, b) => distances[a] != distances[b] ? distances[a].CompareTo(distances[b]) : a.CompareTo(b));
            var votes = new int[10];
            for (int m = 0; m < 5; m++) votes[_train.Labels[order[m]]]++;
            if (Array.IndexOf(votes, votes.Max()) == _test.Labels[q]) correct++;
        }
        return correct;
    }

    [Benchmark]
    public int Specialized()
    {
        _knn.Predict(_test.Features, _predicted);
        int correct = 0;
        for (int q = 0; q < _predicted.Length; q++) if (_predicted[q] == _test.Labels[q]) correct++;
        return correct;
    }
}
