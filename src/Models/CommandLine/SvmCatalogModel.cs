using System.Diagnostics;
using System.Globalization;
using Specialized.Classical;

namespace Specialized.Models.CommandLine;

/// <summary>A declared kernel SVM in the catalogue: fitted in one go by the SMO solver, no epochs.</summary>
/// <typeparam name="TKernel">The generated kernel.</typeparam>
internal sealed class SvmCatalogModel<TKernel>(string name, string layers, string dataFile, Func<KernelSvm<TKernel>> create)
    : CatalogModel(name, layers, dataFile, DataPreparation.None)
    where TKernel : struct, ISvmKernel
{
    public override int FeatureCount => create().Features;

    public override int? ClassCount => null;

    public override string Parameters => "support vectors (from the data)";

    public override int? DefaultEpochs => null;

    public override string Recipe(int? epochs, int? batchSize)
    {
        KernelSvm<TKernel> svm = create();
        return $"SMO (LIBSVM's), C = {svm.C.ToString(CultureInfo.InvariantCulture)}, one-vs-one";
    }

    public override TrainedModel Train(Dataset train, Dataset heldOut, TrainingRequest request, IProgress<EpochReport>? progress)
    {
        KernelSvm<TKernel> svm = create();
        var clock = Stopwatch.StartNew();
        svm.Fit(train.Features, train.Labels);
        return Wrap(svm, clock.Elapsed);
    }

    public override TrainedModel Load(string weightsPath)
    {
        KernelSvm<TKernel> svm = create();
        svm.LoadWeights(weightsPath);
        return Wrap(svm, TimeSpan.Zero);
    }

    public override BenchmarkRow Benchmark(Dataset train, Dataset heldOut)
    {
        create().Fit(train.Features, train.Labels); // compiles the solver (under the JIT) before the timed fit
        KernelSvm<TKernel> svm = create();
        var clock = Stopwatch.StartNew();
        svm.Fit(train.Features, train.Labels);
        double fit = clock.Elapsed.TotalMilliseconds;
        float[] features = heldOut.Features;
        var predictions = new int[heldOut.Count];
        int row = 0;
        double single = Timing.MicrosecondsPerCall(() =>
        {
            svm.Predict(features.AsSpan(row * svm.Features, svm.Features));
            row = (row + 1) % heldOut.Count;
        });
        double batch = Timing.MicrosecondsPerCall(() => svm.Predict(features, predictions)) / heldOut.Count;
        return new BenchmarkRow(Name,
            $"fit {fit.ToString("F1", CultureInfo.InvariantCulture)} ms ({svm.SupportVectorCount} support vectors)",
            $"{single.ToString("F2", CultureInfo.InvariantCulture)} µs",
            $"{batch.ToString("F2", CultureInfo.InvariantCulture)} µs/row ({heldOut.Count} rows)");
    }

    private static TrainedModel Wrap(KernelSvm<TKernel> svm, TimeSpan elapsed) => new(
        data =>
        {
            var predicted = new int[data.Count];
            svm.Predict(data.Features, predicted);
            return predicted;
        },
        _ => null,
        svm.SaveWeights,
        [],
        elapsed,
        null);
}
