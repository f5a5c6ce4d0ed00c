using System.CommandLine;
using System.Runtime.CompilerServices;

namespace Specialized.Models.CommandLine;

/// <summary>
/// <c>benchmark [models…]</c>: a quick in-process timing table — training throughput (or SVM fit time),
/// batch-1 latency and batched inference per row — on each model's bundled data. A few seconds; for
/// figures to quote, use the BenchmarkDotNet suite in benchmarks/.
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create(TextWriter output)
    {
        Argument<string[]> models = CommandOptions.Models("The models to time; default: every one.");
        var command = new Command("benchmark", "Times training and inference of each model on its bundled data (quick, in process; benchmarks/ has the BenchmarkDotNet suite).") { models };
        command.SetAction(result => Run(result.GetValue(models) ?? [], output));
        return command;
    }

    private static int Run(string[] names, TextWriter output)
    {
        IReadOnlyList<CatalogModel> chosen = names.Length == 0 ? ModelCatalog.Models : names.Select(name => ModelCatalog.Find(name)!).Distinct().ToList();
        Terminal terminal = Terminal.For(output);
        terminal.WriteLine($"{Environment.ProcessorCount} cores, SIMD path {Specialized.Kernels.SimdWidths.Best}, " +
                           $"{(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")}; one run each after a warm-up, so expect noise on a shared machine.");
        var rows = new List<string[]>();
        foreach (CatalogModel model in chosen)
        {
            CommandData data = CommandData.Load(model, dataPath: null, "label");
            BenchmarkRow row = model.Benchmark(data.Train, data.HeldOut);
            rows.Add([row.Model, row.Training, row.SingleRow, row.Batch]);
        }
        terminal.WriteLine();
        terminal.WriteTable("Quick timings (fresh weights: the time does not depend on their values)",
            ["model", "training, one epoch", "inference, batch 1", "inference, batched"], rows);
        return 0;
    }
}
