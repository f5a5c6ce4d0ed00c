using BenchmarkDotNet.Attributes;
using Specialized.Models;

namespace Specialized.Benchmarks.Svm;

internal static class SvmDigits
{
    public static readonly (Dataset Train, Dataset Test) Split =
        Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).SplitByRowIndex(5, 4);
}

/// <summary>
/// Training SVC(rbf, C = 10, γ = 0.001) on the 1,438 digits training rows (raw pixels 0–16).
/// LIBSVM 3.24 through scikit-learn: 69.5 ms on one core of this machine (docs/REFERENCE.md).
/// </summary>
[MemoryDiagnoser]
public class SvmTrainingBenchmarks
{
    private readonly float[] _x = SvmDigits.Split.Train.Features;
    private readonly int[] _y = SvmDigits.Split.Train.Labels;

    [Benchmark(Baseline = true, Description = "naive SMO: first-order pair, no cache, no shrinking, scalar kernel")]
    public int Naive()
    {
        var svm = new NaiveSvm(64, 0.001, 10);
        svm.Fit(_x, _y);
        return svm.SupportVectorCount;
    }

    [Benchmark(Description = "generated DigitsSvm: WSS2, cache, shrinking")]
    public int Generated()
    {
        var svm = new DigitsSvm();
        svm.Fit(_x, _y);
        return svm.SupportVectorCount;
    }

    [Benchmark(Description = "KernelSvm<RuntimeKernel>")]
    public int Runtime()
    {
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 64, 0.001), 10);
        svm.Fit(_x, _y);
        return svm.SupportVectorCount;
    }
}

/// <summary>
/// Predicting the 359 digits test rows with the trained RBF machine (697 support vectors); divide by
/// 359 for the time per row. LIBSVM 3.24 through scikit-learn: 87.5 µs per row (docs/REFERENCE.md).
/// </summary>
[MemoryDiagnoser]
public class SvmPredictionBenchmarks
{
    private readonly float[] _x = SvmDigits.Split.Test.Features;
    private readonly int[] _predictions = new int[SvmDigits.Split.Test.Count];
    private NaiveSvm _naive = null!;
    private DigitsSvm _generated = null!;
    private KernelSvm<RuntimeKernel> _runtime = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (train, _) = SvmDigits.Split;
        _naive = new NaiveSvm(64, 0.001, 10);
        _naive.Fit(train.Features, train.Labels);
        _generated = new DigitsSvm();
        _generated.Fit(train.Features, train.Labels);
        _runtime = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 64, 0.001), 10);
        _runtime.Fit(train.Features, train.Labels);
    }

    [Benchmark(Baseline = true, Description = "naive scalar decision function")]
    public int Naive()
    {
        _naive.Predict(_x, _predictions);
        return _predictions[^1];
    }

    [Benchmark(Description = "generated DigitsSvm")]
    public int Generated()
    {
        _generated.Predict(_x, _predictions);
        return _predictions[^1];
    }

    [Benchmark(Description = "KernelSvm<RuntimeKernel>")]
    public int Runtime()
    {
        _runtime.Predict(_x, _predictions);
        return _predictions[^1];
    }
}
