using BenchmarkDotNet.Attributes;
using Specialized.Classical;
using Specialized.Kernels;
using Specialized.Models;
using Specialized.Text;

namespace Specialized.Benchmarks.Widths;

/// <summary>
/// The same workloads on the widest path and on the 128-bit path (<see cref="WidestVersus128Config"/>): the
/// kernel SVM, kNN, KDE and GMM on the digits, the digits MLP's forward pass and training step, a word2vec
/// epoch and an optimizer step, and the machine's own ceiling (<see cref="MultiplyAddCeiling"/>: the same number of
/// float multiply-adds from registers, which no compute-bound row can beat). Each job's log says which path its process took (<c>// SIMD path</c>).
/// </summary>
public class WidestVersus128Benchmarks
{
    private float[] _test = [], _train = [], _mlpInputs = [], _mlpOutputs = [], _parameters = [], _gradients = [];
    private int[] _trainLabels = [], _mlpLabels = [], _predictions = [];
    private double[] _scores = [];
    private int _testRows;
    private readonly DigitsSvm _svm = new();
    private readonly KNearestNeighbors _knn = new(5);
    private readonly KernelDensity _kde = new(bandwidth: 1.0);
    private readonly DigitsMlp _mlp = new();
    private readonly Adam _mlpAdam = new(1e-3f), _adam = new(1e-3f);
    private List<string[]> _sentences = [];

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// SIMD path {SimdWidths.Best}, FMA {System.Runtime.Intrinsics.X86.Fma.IsSupported}");
        string data = System.IO.Path.Combine(AppContext.BaseDirectory, "data");
        var (train, test) = Dataset.LoadClassification(System.IO.Path.Combine(data, "digits.csv")).SplitByRowIndex(5, 4);
        _train = train.Features;
        _trainLabels = train.Labels;
        _test = test.Features;
        _testRows = test.Count;
        _predictions = new int[test.Count];
        _scores = new double[test.Count];
        _svm.Fit(train.Features, train.Labels);
        _knn.Fit(train.Features, 64, train.Labels);
        _kde.Fit(train.Features, 64);
        var scaled = Dataset.LoadClassification(System.IO.Path.Combine(data, "digits.csv")).Scale(1f / 16);
        _mlpInputs = scaled.Features.AsSpan(0, 64 * 64).ToArray();
        _mlpLabels = scaled.Labels.AsSpan(0, 32).ToArray();
        _mlpOutputs = new float[64 * 10];
        var random = new Random(42);
        _parameters = Enumerable.Range(0, 100_000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        _gradients = Enumerable.Range(0, 100_000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        string text = File.ReadAllText(System.IO.Path.Combine(data, "austen.txt"));
        _sentences = WordTokenizer.Split(WordTokenizer.Tokenize(text).Take(30_000).ToList());
    }

    [Benchmark(Description = "RBF SVM predict, 359 rows")]
    public int SvmPredict()
    {
        _svm.Predict(_test, _predictions);
        return _predictions[^1];
    }

    [Benchmark(Description = "kNN (k = 5) predict, 359 rows")]
    public int KnnPredict()
    {
        _knn.Predict(_test, _predictions);
        return _predictions[^1];
    }

    [Benchmark(Description = "KDE score, 359 rows")]
    public double KdeScore()
    {
        _kde.ScoreSamples(_test, _scores);
        return _scores[^1];
    }

    [Benchmark(Description = "GMM fit, 10 full components, 10 EM iterations")]
    public double GmmFit()
    {
        var gmm = new GaussianMixture(10, CovarianceKind.Full, tolerance: 0, regularization: 1e-3, maxIterations: 10, seed: 0);
        gmm.Fit(_train, 64);
        return gmm.LowerBound;
    }

    [Benchmark(Description = "MLP forward, batch 64")]
    public float MlpForward()
    {
        _mlp.Forward(_mlpInputs, _mlpOutputs);
        return _mlpOutputs[0];
    }

    [Benchmark(Description = "MLP Adam training step, batch 32")]
    public float MlpTrainStep()
    {
        float loss = _mlp.ComputeGradients(_mlpInputs.AsSpan(0, 32 * 64), _mlpLabels);
        _mlpAdam.Step(_mlp.Parameters, _mlp.Gradients);
        return loss;
    }

    [Benchmark(Description = "word2vec skip-gram NS epoch, 30k tokens, 1 thread")]
    public float Word2VecEpoch()
    {
        var model = new Word2Vec(Word2VecArchitecture.SkipGram, Word2VecObjective.NegativeSampling, epochs: 1, threads: 1);
        model.Train(_sentences);
        return model.Vectors.AllVectors[0];
    }

    [Benchmark(Description = "Adam step, 100k parameters")]
    public float AdamStep()
    {
        _adam.Step(_parameters, _gradients);
        return _parameters[0];
    }

    [Benchmark(Description = "Ceiling: 12.3M float multiply-adds in registers")]
    public float MultiplyAddCeilingRow() =>
        MultiplyAddCeiling.Run(12_288_000 / MultiplyAddCeiling.LanesPerRound, 0.999f);
}
