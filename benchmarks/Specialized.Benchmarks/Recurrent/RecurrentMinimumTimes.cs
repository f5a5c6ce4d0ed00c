using System.Diagnostics;
using System.Globalization;

namespace Specialized.Benchmarks.Recurrent;

/// <summary>
/// The streaming-step rows of <see cref="RecurrentBenchmarks"/> (the same methods on the same instance) as the minimum
/// over many short interleaved samples in one process: a step is latency-bound and lasts 30–60 ns, so on a loaded
/// machine BenchmarkDotNet's means measure the neighbours; a sample of 128–256 consecutive steps (each reading the state
/// the one before it wrote, as in a stream) lasts 10–30 µs (the clock ticks in 100 ns here), far less than a scheduler slice, so the fastest
/// of thousands ran undisturbed. Ratios are of minimums in the same run.
///   dotnet run -c Release --project benchmarks/Specialized.Benchmarks -- --recurrent-min [--rounds 5000]
/// </summary>
public static class RecurrentMinimumTimes
{
    private sealed record Row(string Category, string Name, int CallsPerSample, Func<float> Call, bool Baseline);

    /// <summary>Runs every row for the given rounds and prints one Markdown table.</summary>
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--rounds");
        int rounds = at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 5000;
        var b = new RecurrentBenchmarks();
        b.Setup();
        var noHead = new BenchGru16NoHead();
        float[] samples = Enumerable.Range(0, 4096).Select(i => MathF.Sin(i * 0.05f) * 0.5f).ToArray(), h = new float[16];
        int next = 0;
        Row[] rows =
        [
            new("GRU-16 step", "naive", 32, b.Gru16StepNaive, true),
            new("GRU-16 step", "model Step", 256, b.Gru16StepGenerated, false),
            new("GRU-16 step", "layer step", 256, b.Gru16LayerStep, false),
            new("GRU-16 step", "model Step, no head", 256, () => { noHead.Step(samples.AsSpan(next = (next + 1) & 4095, 1), h); return h[0]; }, false),
            new("LSTM-16 step", "naive", 16, b.Lstm16StepNaive, true),
            new("LSTM-16 step", "model Step", 256, b.Lstm16StepGenerated, false),
            new("LSTM-16 step", "layer step", 256, b.Lstm16LayerStep, false),
            new("LSTM 8→32 step", "naive", 8, b.Lstm32StepNaive, true),
            new("LSTM 8→32 step", "model Step", 128, b.Lstm32StepGenerated, false),
            new("LSTM 8→32 step", "layer step", 128, b.Lstm32LayerStep, false),
        ];
        // `--only "GRU-16 step/model Step"` keeps one row (for a profiler).
        int only = Array.IndexOf(args, "--only");
        if (only >= 0) rows = rows.Where(r => $"{r.Category}/{r.Name}" == args[only + 1]).ToArray();
        float sink = 0;
        // Warm-up past tiered compilation (30 calls, then a quiet 100 ms for the background compiler).
        for (int i = 0; i < 3; i++)
        {
            foreach (Row row in rows) for (int c = 0; c < 500; c++) sink += row.Call();
            Thread.Sleep(300);
        }
        double[] best = Enumerable.Repeat(double.MaxValue, rows.Length).ToArray();
        string loadBefore = LoadAverage();
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                int index = (i + round) % rows.Length;
                Row row = rows[index];
                long start = Stopwatch.GetTimestamp();
                for (int c = 0; c < row.CallsPerSample; c++) sink += row.Call();
                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / row.CallsPerSample;
                if (ns < best[index]) best[index] = ns;
            }
        }
        Console.WriteLine($"Minimum per step over {rounds} interleaved samples per row; .NET {Environment.Version}; {Environment.ProcessorCount} cores; " +
            $"DOTNET_PreferredVectorBitWidth={Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth") ?? "(default)"}; " +
            $"DOTNET_EnableAVX512F={Environment.GetEnvironmentVariable("DOTNET_EnableAVX512F") ?? "(default)"}; " +
            $"load average {loadBefore} before, {LoadAverage()} after (checksum {sink:G3}).");
        Console.WriteLine();
        Console.WriteLine("| step | code | minimum | vs naive |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (int i = 0; i < rows.Length; i++)
        {
            int baselineRow = Array.FindIndex(rows, r => r.Category == rows[i].Category && r.Baseline);
            string ratio = rows[i].Baseline ? "baseline" : baselineRow < 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{best[baselineRow] / best[i]:F1}× faster");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {rows[i].Category} | {rows[i].Name} | {best[i]:F1} ns | {ratio} |"));
        }
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
