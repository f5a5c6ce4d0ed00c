using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Specialized;
using Specialized.Classical;

// Cold start as a user meets it: every measurement is a fresh process that loads the digits split, then
// times the first call of one algorithm (JIT compilation included) and the median of warm repeats.
//   dotnet run -c Release --project benchmarks/Specialized.ColdStart [-- --runs 5] [--only pca,lda]
// The parent re-launches its own executable with `--child <name>` once per run and algorithm and prints a
// Markdown table: medians over runs of the cold and warm times, beside scikit-learn 1.2.1 with OpenBLAS on
// one thread (REFERENCE.md, second machine). Environment variables (DOTNET_PreferredVectorBitWidth,
// DOTNET_TieredPGO, DOTNET_ReadyToRun …) pass through to the children. Build with -p:SpecializedReadyToRun=true to
// use a ReadyToRun Specialized.Runtime.dll (what the package carries when packed that way), or publish with
// -p:PublishReadyToRun=true or -p:PublishAot=true to measure precompiled builds.
// `--child-cold <name>` runs one child that stops after the first call and prints its timed window on stderr, for
//   DOTNET_JitStdOutFile=jit.txt DOTNET_JitDisasmSummary=1 (what the first call compiles) or a perf profile of the window.
// Why a library method is compiled at run time although the image is ReadyToRun: run the SDK's crossgen2
// (~/.nuget/packages/microsoft.netcore.app.crossgen2.<rid>/<version>/tools/crossgen2) on the IL assembly
// (src/Runtime/obj/Release/net10.0/Specialized.Runtime.dll) with `-r '<shared framework dir>/*.dll' --targetos:linux
// --targetarch:x64 -O --verbose -o /tmp/r2r.dll`: it prints "was not compiled because …" for each method it leaves
// out; a method it compiled but that the JIT list still shows was rejected at run time (an instruction-set
// assumption, e.g. Vector512.IsHardwareAccelerated, that this CPU contradicts). docs/classical.md, "Fourth pass".
if (args.Length == 2 && args[0] is "--child" or "--child-cold")
{
    Console.WriteLine(ColdStart.RunChild(args[1], coldOnly: args[0] == "--child-cold"));
    return 0;
}
int runs = 5;
string[] only = [];
for (int i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    else if (args[i] == "--only") only = args[i + 1].Split(',');
}
ColdStart.RunParent(runs, only);
return 0;

internal static class ColdStart
{
    /// <summary>Name, unit, scikit-learn's figure in that unit, and the operation (returns rows it covered, for per-row units).</summary>
    private sealed record Case(string Name, string Unit, double Sklearn, Func<Digits, Func<int>> Prepare);

    // Fields, not a record's properties: a getter called inside the timed closure is one more tier-0 compile charged to the
    // library's first call.
    private sealed class Digits(float[] raw, float[] standardized, int[] labels, float[] test, int testRows, Dataset cancer, float[] cancerStandardized)
    {
        public readonly float[] Raw = raw, Standardized = standardized, Test = test, CancerStandardized = cancerStandardized;
        public readonly int[] Labels = labels;
        public readonly int TestRows = testRows;
        public readonly Dataset Cancer = cancer;
    }

    private const int D = 64;

    private static readonly Case[] Cases =
    [
        new("gaussian-nb-fit", "ms", 1.3, data => () => { new GaussianClassifier(CovarianceKind.Diagonal).Fit(data.Raw, D, data.Labels); return 1; }),
        new("qda-fit-cancer", "ms", double.NaN, data => () => { new GaussianClassifier(CovarianceKind.Full).Fit(data.Cancer.Features, data.Cancer.FeatureCount, data.Cancer.Labels); return 1; }),
        new("lda-fit", "ms", 10.2, data => () => { new GaussianClassifier(CovarianceKind.Shared).Fit(data.Raw, D, data.Labels); return 1; }),
        new("pca-fit", "ms", 5.5, data => () => { new Pca(whiten: true).Fit(data.Raw, D); return 1; }),
        new("kmeans-fit", "ms", 13.7, data => () => { new KMeans(10, maxIterations: 100, restarts: 1, seed: 0).Fit(data.Raw, D); return 1; }),
        new("kmeans-fit-2threads", "ms", 13.7, data => () => { new KMeans(10, maxIterations: 100, restarts: 1, seed: 0, maxThreads: 2).Fit(data.Raw, D); return 1; }),
        new("gmm-fit", "ms", 369, data => () => { new GaussianMixture(10, CovarianceKind.Full, regularization: 1e-3, maxIterations: 100, seed: 0).Fit(data.Raw, D); return 1; }),
        new("logistic-fit-cancer", "ms", double.NaN, data => () => { new LogisticRegression(c: 1).Fit(data.CancerStandardized, data.Cancer.FeatureCount, data.Cancer.Labels); return 1; }),
        new("softmax-fit", "ms", 42, data => () => { new SoftmaxRegression(c: 1).Fit(data.Standardized, D, data.Labels); return 1; }),
        new("tree-fit", "ms", 18.5, data => () => { new DecisionTree().Fit(data.Raw, D, data.Labels); return 1; }),
        new("tree-predict", "µs/row", 0.24, data =>
        {
            var tree = new DecisionTree();
            tree.Fit(data.Raw, D, data.Labels);
            var predicted = new int[data.TestRows];
            float[] test = data.Test;
            return () => { tree.Predict(test, predicted); return predicted.Length; };
        }),
        // The issue's "including the first call": the first Predict over the 359 test rows right after Fit in a fresh
        // process (the fit is set-up, as in the main job's quick run). LIBSVM 3.24: 87.5 µs per row (REFERENCE.md).
        new("svm-rbf-predict", "µs/row", 87.5, data =>
        {
            var svm = new ColdDigitsSvm();
            svm.Fit(data.Raw, data.Labels);
            var predicted = new int[data.TestRows];
            float[] test = data.Test;
            return () => { svm.Predict(test, predicted); return predicted.Length; };
        }),
        new("knn-predict", "µs/row", 25, data =>
        {
            var knn = new KNearestNeighbors(5);
            knn.Fit(data.Raw, D, data.Labels);
            var predicted = new int[data.TestRows];
            float[] test = data.Test;
            return () => { knn.Predict(test, predicted); return predicted.Length; };
        }),
        new("kde-score", "µs/row", 283, data =>
        {
            var kde = new KernelDensity(1.0);
            kde.Fit(data.Raw, D);
            var scores = new double[data.TestRows];
            float[] test = data.Test;
            return () => { kde.ScoreSamples(test, scores); return scores.Length; };
        }),
        new("forest-fit", "ms", 392, data => () => { new RandomForest(100, seed: 0, maxThreads: 1).Fit(data.Raw, D, data.Labels); return 1; }),
        new("forest-fit-2threads", "ms", 392, data => () => { new RandomForest(100, seed: 0, maxThreads: 2).Fit(data.Raw, D, data.Labels); return 1; }),
        new("forest-predict", "µs/row", 46, data =>
        {
            var forest = new RandomForest(100, seed: 0, maxThreads: 1);
            forest.Fit(data.Raw, D, data.Labels);
            var predicted = new int[data.TestRows];
            float[] test = data.Test;
            return () => { forest.Predict(test, predicted); return predicted.Length; };
        }),
        // The floor under every first call: one small precompiled library method (Metrics.Accuracy over two 359-label
        // arrays) called for the first time. What it costs with nothing to JIT-compile is the runtime's own first-call work.
        new("first-call-floor", "ms", double.NaN, data =>
        {
            var predicted = new int[data.TestRows];
            int[] truth = data.Labels[..predicted.Length];
            return () => Metrics.Accuracy(predicted, truth) >= 0 ? 1 : 1;
        }),
        new("adaboost-fit", "ms", 718, data => () => { new AdaBoost(rounds: 200).Fit(data.Raw, D, data.Labels); return 1; }),
    ];

    public static string RunChild(string name, bool coldOnly = false)
    {
        Case @case = Cases.Single(c => c.Name == name);
        Digits data = Load();
        Func<int> operation = @case.Prepare(data); // model set-up for predict rows is not part of the timing
        // The harness's own closure is compiled before the clock starts: its tier-0 compile (0.1–0.3 ms here) is not the
        // library's first-call cost, and a sub-millisecond row such as tree predict would otherwise carry it.
        System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(operation.Method.MethodHandle);
        double scale = @case.Unit == "ms" ? 1e3 : 1e6;
        // Let the background tier-1 compiler finish with the CSV loading code first: on two cores it would
        // otherwise compete with the call we time. A real application also loads its data well before.
        Thread.Sleep(500);
        // The clocks' own first calls (a tier-0 compile, the P/Invoke stub, ReadyToRun fixups) are made here, outside the
        // window: between the two CPU readings run only the operation and one wall-clock reading on each side. Each CPU
        // reading is a system call, part of which falls inside the window: the CPU figures carry about 1.5 µs per call
        // more than the wall ones (first-call-floor's warm row), a few percent of the sub-millisecond rows.
        ThreadCpu.Seconds();
        _ = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        // The calling thread's compile time and count only: the background tier-1 compiles of other code
        // are not the first call's cost.
        TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);
        long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        double cpuBefore = ThreadCpu.Seconds();
        long windowStart = Stopwatch.GetTimestamp();
        int rows = operation();
        long windowEnd = Stopwatch.GetTimestamp();
        double cpuAfter = ThreadCpu.Seconds();
        double cold = (windowEnd - windowStart) / (double)Stopwatch.Frequency * scale / rows;
        double coldCpu = (cpuAfter - cpuBefore) * scale / rows;
        double jitMs = (System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jitBefore).TotalMilliseconds;
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - methodsBefore;
        // `--child-cold <name>`: stop after the first call, so a JIT log (DOTNET_JitStdOutFile + DOTNET_JitDisasmSummary=1)
        // ends with the first call's compiles instead of the warm-up's tier-1 ones.
        // The timed window in Stopwatch ticks (CLOCK_MONOTONIC nanoseconds on Linux), so a profile recorded with
        // `perf record -k CLOCK_MONOTONIC` can be cut to the first call (`perf script --time`).
        if (coldOnly) Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"window {windowStart} {windowEnd} {Stopwatch.Frequency}"));
        if (coldOnly) return string.Create(CultureInfo.InvariantCulture, $"{cold:R} {coldCpu:R} {jitMs:R} {methods}");
        // Warm-up until tiered compilation has promoted what runs once per call, then the median of repeats: the
        // steady state a long-running service sees. Call counting starts only after 100 ms without new tier-0
        // methods and needs 30 calls, then the background compile: two rounds of at least 100 calls and 0.5 s, each
        // followed by a pause (one round of 100 calls measured tier-0 code for sub-millisecond operations such as
        // tree predict, whose 100 calls take 3 ms).
        var budget = Stopwatch.StartNew();
        for (int round = 0; round < 2; round++)
        {
            var roundClock = Stopwatch.StartNew();
            for (int calls = 0; (calls < 100 || roundClock.Elapsed < TimeSpan.FromSeconds(0.5)) && budget.Elapsed < TimeSpan.FromSeconds(6); calls++) operation();
            Thread.Sleep(300);
        }
        var warm = new List<double>();
        var warmCpu = new List<double>();
        budget.Restart();
        while (warm.Count < 5 || (warm.Count < 50 && budget.Elapsed < TimeSpan.FromSeconds(2)))
        {
            cpuBefore = ThreadCpu.Seconds();
            windowStart = Stopwatch.GetTimestamp();
            rows = operation();
            windowEnd = Stopwatch.GetTimestamp();
            cpuAfter = ThreadCpu.Seconds();
            warm.Add((windowEnd - windowStart) / (double)Stopwatch.Frequency * scale / rows);
            warmCpu.Add((cpuAfter - cpuBefore) * scale / rows);
        }
        return string.Create(CultureInfo.InvariantCulture, $"{cold:R} {Median(warm):R} {jitMs:R} {methods} {coldCpu:R} {Median(warmCpu):R}");
    }

    public static void RunParent(int runs, string[] only)
    {
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        Console.WriteLine($"{runs} fresh processes per row; .NET {Environment.Version}; {Environment.ProcessorCount} cores; " +
            $"DOTNET_PreferredVectorBitWidth={Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth") ?? "(default)"}; " +
            $"DOTNET_ReadyToRun={Environment.GetEnvironmentVariable("DOTNET_ReadyToRun") ?? "(default)"}");
        Console.WriteLine();
        Console.WriteLine($"load average at start: {LoadAverage()}. Wall-clock times, and the calling thread's CPU time (what a quiet machine would show");
        Console.WriteLine("for one-thread rows; the sklearn ratios use it when the machine is loaded). Multi-thread rows: wall clock only.");
        Console.WriteLine();
        Console.WriteLine("| algorithm | unit | cold, wall | cold, thread CPU | of which JIT, ms (methods) | warm, wall | warm, thread CPU | scikit-learn | warm vs sklearn | cold vs sklearn |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (Case @case in Cases.Where(c => only.Length == 0 || only.Contains(c.Name)))
        {
            var colds = new List<double>();
            var warms = new List<double>();
            var jits = new List<double>();
            var methodCounts = new List<double>();
            var coldCpus = new List<double>();
            var warmCpus = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
                if (exe.EndsWith("dotnet", StringComparison.Ordinal) || exe.EndsWith("dotnet.exe", StringComparison.Ordinal))
                    start.ArgumentList.Add(typeof(ColdStart).Assembly.Location);
                start.ArgumentList.Add("--child");
                start.ArgumentList.Add(@case.Name);
                using Process child = Process.Start(start)!;
                string output = child.StandardOutput.ReadToEnd().Trim();
                child.WaitForExit();
                if (child.ExitCode != 0) throw new InvalidOperationException($"{@case.Name}: child exited with {child.ExitCode}: {output}");
                string[] parts = output.Split(' ');
                colds.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
                warms.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
                jits.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
                methodCounts.Add(double.Parse(parts[3], CultureInfo.InvariantCulture));
                coldCpus.Add(double.Parse(parts[4], CultureInfo.InvariantCulture));
                warmCpus.Add(double.Parse(parts[5], CultureInfo.InvariantCulture));
            }
            double cold = Median(colds), warm = Median(warms), coldCpu = Median(coldCpus), warmCpu = Median(warmCpus);
            bool oneThread = !@case.Name.Contains("threads", StringComparison.Ordinal);
            string sklearn = double.IsNaN(@case.Sklearn) ? "—" : @case.Sklearn.ToString("G3", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {@case.Name} | {@case.Unit} | {cold:G3} | {(oneThread ? coldCpu.ToString("G3", CultureInfo.InvariantCulture) : "—")} | {Median(jits):F1} ({Median(methodCounts):F0}) | {warm:G3} | {(oneThread ? warmCpu.ToString("G3", CultureInfo.InvariantCulture) : "—")} | {sklearn} | {Ratio(oneThread ? warmCpu : warm, @case.Sklearn)} | {Ratio(oneThread ? coldCpu : cold, @case.Sklearn)} |"));
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>"2.1× faster" or "1.3× slower" than scikit-learn.</summary>
    private static string Ratio(double ours, double sklearn) =>
        double.IsNaN(sklearn) ? "—"
        : ours <= sklearn ? string.Create(CultureInfo.InvariantCulture, $"{sklearn / ours:F2}× faster") : string.Create(CultureInfo.InvariantCulture, $"{ours / sklearn:F2}× slower");

    private static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static Digits Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
        var (train, test) = Dataset.LoadClassification(path).SplitByRowIndex(5, 4);
        float[] raw = train.Features;
        var (cancer, _) = Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv")).SplitByRowIndex(5, 4);
        return new Digits(raw, Standardize(raw, D), train.Labels, test.Features, test.Count, cancer, Standardize(cancer.Features, cancer.FeatureCount));
    }

    // z-scores with the training mean and population standard deviation (constant columns keep scale 1).
    private static float[] Standardize(float[] raw, int d)
    {
        var standardized = new float[raw.Length];
        int rows = raw.Length / d;
        for (int j = 0; j < d; j++)
        {
            double mean = 0, variance = 0;
            for (int r = 0; r < rows; r++) mean += raw[r * d + j];
            mean /= rows;
            for (int r = 0; r < rows; r++) variance += (raw[r * d + j] - mean) * (raw[r * d + j] - mean);
            double sd = Math.Sqrt(variance / rows);
            if (sd == 0) sd = 1;
            for (int r = 0; r < rows; r++) standardized[r * d + j] = (float)((raw[r * d + j] - mean) / sd);
        }
        return standardized;
    }
}

/// <summary>CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)); wall clock elsewhere.</summary>
internal static partial class ThreadCpu
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out TimeSpec time) == 0)
            return time.Seconds + time.Nanoseconds * 1e-9;
        return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }
}
