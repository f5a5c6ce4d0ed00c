using System.Diagnostics;
using System.Globalization;
using Specialized.Benchmarks.Onnx;
using Specialized.Models;
using Specialized.Onnx;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// The rows of <see cref="MlpGraphBenchmarks"/> and the MLP rows of <see cref="OnnxRuntimeBenchmarks"/> as the
/// minimum over many short interleaved samples in one process, for a machine too loaded for BenchmarkDotNet's
/// means: a sample lasts 9–60 µs, far less than a scheduler slice, so the fastest of thousands ran undisturbed;
/// the workloads take turns, so each sees the same load. Ratios are of minimums in the same run.
///   dotnet run -c Release --project benchmarks/Specialized.Benchmarks -- --mlp-min [--rounds 3000]
/// </summary>
public static class MlpMinimumTimes
{
    private sealed record Row(string Category, string Name, int CallsPerSample, Action Call, bool Baseline);

    /// <summary>Runs every row for the given rounds and prints one Markdown table.</summary>
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--rounds");
        int rounds = at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 3000;
        var data = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).Scale(1f / 16);
        float[] inputs = data.Features.AsSpan(0, 64 * 64).ToArray();
        int[] labels = data.Labels.AsSpan(0, 64).ToArray();
        float[] outputs = new float[64 * 10], peerOut1 = new float[10], peerOut64 = new float[640];
        var graph = new DigitsMlp();
        var frozen = new FrozenDigitsMlp();
        graph.Parameters.CopyTo(frozen.Parameters);
        var frozenOnCacheLine = FrozenOnCacheLine.Create();
        graph.Parameters.CopyTo(frozenOnCacheLine.Parameters);
        var graphAdam = new Adam(1e-3f);
        var frozenAdam = new Adam(1e-3f);
        byte[] onnx = OnnxExporter.ToBytes(graph);
        using var peer1 = new OnnxRuntimePeer(onnx, inputs[..64], [1, 64], peerOut1, [1, 10]);
        using var peer64 = new OnnxRuntimePeer(onnx, inputs, [64, 64], peerOut64, [64, 10]);
        Row[] rows =
        [
            new("Forward batch 1", "frozen", 20, () => frozen.Forward(inputs.AsSpan(0, 64), outputs.AsSpan(0, 10)), true),
            new("Forward batch 1", "frozen, weights on a cache line", 20, () => frozenOnCacheLine.Forward(inputs.AsSpan(0, 64), outputs.AsSpan(0, 10)), false),
            new("Forward batch 1", "graph", 20, () => graph.Forward(inputs.AsSpan(0, 64), outputs.AsSpan(0, 10)), false),
            new("Forward batch 1", "weight-stream floor", 20, () => WeightStream.Sum(graph.Parameters), false),
            new("Forward batch 1", "ONNX Runtime", 4, peer1.Run, false),
            new("Forward batch 64", "frozen", 4, () => frozen.Forward(inputs, outputs), true),
            new("Forward batch 64", "graph", 4, () => graph.Forward(inputs, outputs), false),
            new("Forward batch 64", "ONNX Runtime", 4, peer64.Run, false),
            new("Adam step batch 32", "frozen", 2, () => { frozen.ComputeGradients(inputs.AsSpan(0, 32 * 64), labels.AsSpan(0, 32)); frozenAdam.Step(frozen.Parameters, frozen.Gradients); }, true),
            new("Adam step batch 32", "graph", 2, () => { graph.ComputeGradients(inputs.AsSpan(0, 32 * 64), labels.AsSpan(0, 32)); graphAdam.Step(graph.Parameters, graph.Gradients); }, false),
        ];
        // Warm-up past tiered compilation (30 calls, then a quiet 100 ms for the background compiler).
        for (int i = 0; i < 3; i++)
        {
            foreach (Row row in rows) for (int c = 0; c < 200; c++) row.Call();
            Thread.Sleep(300);
        }
        double[] best = Enumerable.Repeat(double.MaxValue, rows.Length).ToArray();
        string loadBefore = LoadAverage();
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                Row row = rows[(i + round) % rows.Length];
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < row.CallsPerSample; c++) row.Call();
                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / row.CallsPerSample;
                int index = (i + round) % rows.Length;
                if (ns < best[index]) best[index] = ns;
            }
        }
        Console.WriteLine($"Minimum per call over {rounds} interleaved samples per row; .NET {Environment.Version}; {Environment.ProcessorCount} cores; " +
            $"DOTNET_PreferredVectorBitWidth={Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth") ?? "(default)"}; " +
            $"load average {loadBefore} before, {LoadAverage()} after.");
        Console.WriteLine();
        Console.WriteLine("| workload | code | minimum | vs frozen |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (int i = 0; i < rows.Length; i++)
        {
            double baseline = best[Array.FindIndex(rows, r => r.Category == rows[i].Category && r.Baseline)];
            string ratio = rows[i].Baseline ? "baseline" : best[i] <= baseline
                ? string.Create(CultureInfo.InvariantCulture, $"{baseline / best[i]:F2}× faster")
                : string.Create(CultureInfo.InvariantCulture, $"{best[i] / baseline:F2}× slower");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {rows[i].Category} | {rows[i].Name} | {Format(best[i])} | {ratio} |"));
        }
        return 0;
    }

    private static string Format(double ns) =>
        ns >= 10_000 ? string.Create(CultureInfo.InvariantCulture, $"{ns / 1000:F2} µs") : string.Create(CultureInfo.InvariantCulture, $"{ns:F1} ns");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
