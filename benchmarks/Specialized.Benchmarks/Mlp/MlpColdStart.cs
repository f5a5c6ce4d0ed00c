using System.Diagnostics;
using System.Globalization;
using Specialized.Models;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// The first training step and the first batch-1 forward of the digits MLP as a fresh process meets them (JIT
/// compilation included), generated graph code against the frozen pre-graph code, each in its own process:
///   dotnet run -c Release --project benchmarks/Specialized.Benchmarks -- --mlp-cold [--runs 9]
/// The parent relaunches its own executable with <c>--mlp-cold-child &lt;model&gt;</c> once per run and model and
/// prints the medians. DOTNET_* variables (e.g. DOTNET_PreferredVectorBitWidth) pass through to the children.
/// </summary>
public static class MlpColdStart
{
    private static readonly string[] Models = ["frozen", "graph"];

    /// <summary>Runs the parent or, with <c>--mlp-cold-child</c>, one child; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        int child = Array.IndexOf(args, "--mlp-cold-child");
        if (child >= 0)
        {
            Console.WriteLine(RunChild(args[child + 1]));
            return 0;
        }
        int runsAt = Array.IndexOf(args, "--runs");
        int runs = runsAt >= 0 ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture) : 9;
        RunParent(runs);
        return 0;
    }

    // Times the first ComputeGradients at batch 32 (what a training loop meets first), then, in the same
    // process, the first Forward at batch 1 (the inference path's own kernels): wall clock, the calling
    // thread's CPU time and its compiled-method count for each.
    private static string RunChild(string model)
    {
        var data = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).Scale(1f / 16);
        float[] inputs = data.Features.AsSpan(0, 32 * 64).ToArray();
        int[] labels = data.Labels.AsSpan(0, 32).ToArray();
        float[] outputs = new float[10];
        Func<float> train, infer;
        if (model == "frozen")
        {
            var frozen = new FrozenDigitsMlp();
            train = () => frozen.ComputeGradients(inputs, labels);
            infer = () => { frozen.Forward(inputs.AsSpan(0, 64), outputs); return outputs[0]; };
        }
        else
        {
            var graph = new DigitsMlp();
            train = () => graph.ComputeGradients(inputs, labels);
            infer = () => { graph.Forward(inputs.AsSpan(0, 64), outputs); return outputs[0]; };
        }
        // Let the background compiler finish with the loading code, as in benchmarks/Specialized.ColdStart.
        Thread.Sleep(500);
        ThreadCpuTime.Milliseconds(); // the clocks' own first calls stay out of the windows
        _ = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        var (trainMs, trainCpuMs, trainJitMs, trainMethods) = TimeFirst(train);
        var (inferMs, inferCpuMs, inferJitMs, inferMethods) = TimeFirst(infer);
        return string.Create(CultureInfo.InvariantCulture, $"{trainMs:R} {trainCpuMs:R} {trainJitMs:R} {trainMethods} {inferMs:R} {inferCpuMs:R} {inferJitMs:R} {inferMethods}");
    }

    // Wall clock, the calling thread's CPU time (what a quiet machine would show), and its compile time and compiled methods.
    private static (double Ms, double CpuMs, double JitMs, long Methods) TimeFirst(Func<float> call)
    {
        long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
        double cpuBefore = ThreadCpuTime.Milliseconds();
        long start = Stopwatch.GetTimestamp();
        call();
        long end = Stopwatch.GetTimestamp();
        double cpuAfter = ThreadCpuTime.Milliseconds();
        return ((end - start) * 1e3 / Stopwatch.Frequency, cpuAfter - cpuBefore,
            (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jitBefore).TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - methodsBefore);
    }

    private static void RunParent(int runs)
    {
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        string load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        Console.WriteLine($"{runs} fresh processes per model, medians; .NET {Environment.Version}; {Environment.ProcessorCount} cores; " +
            $"DOTNET_PreferredVectorBitWidth={Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth") ?? "(default)"}; load average at start: {load}");
        Console.WriteLine();
        Console.WriteLine("| digits MLP | first ComputeGradients, batch 32: wall | thread CPU | of which JIT (methods) | then first Forward, batch 1: wall | thread CPU | of which JIT (methods) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (string model in Models)
        {
            var columns = Enumerable.Range(0, 8).Select(_ => new List<double>()).ToArray();
            for (int run = 0; run < runs; run++)
            {
                var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
                if (exe.EndsWith("dotnet", StringComparison.Ordinal) || exe.EndsWith("dotnet.exe", StringComparison.Ordinal))
                    start.ArgumentList.Add(typeof(MlpColdStart).Assembly.Location);
                start.ArgumentList.Add("--mlp-cold-child");
                start.ArgumentList.Add(model);
                using Process process = Process.Start(start)!;
                string output = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                if (process.ExitCode != 0) throw new InvalidOperationException($"{model}: child exited with {process.ExitCode}: {output}");
                string[] parts = output.Split(' ');
                for (int i = 0; i < 8; i++) columns[i].Add(double.Parse(parts[i], CultureInfo.InvariantCulture));
            }
            double[] m = columns.Select(Median).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {model} | {m[0]:F1} ms | {m[1]:F1} ms | {m[2]:F1} ms ({m[3]:F0}) | {m[4]:F2} ms | {m[5]:F2} ms | {m[6]:F2} ms ({m[7]:F0}) |"));
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
