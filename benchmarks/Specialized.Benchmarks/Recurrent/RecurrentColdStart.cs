using System.Diagnostics;

namespace Specialized.Benchmarks.Recurrent;

/// <summary>
/// The first <c>Step</c> and the first <c>Forward</c> of a recurrent model in a fresh process (cold: nothing jitted,
/// nothing in cache), which BenchmarkDotNet's warmed-up rows cannot show. <c>--recurrent-cold</c> starts this
/// program again as a child per sample (<c>--recurrent-cold-child</c>); each child times, with a Stopwatch, the
/// model's construction, then its first call, then its second (already jitted), and prints them; the parent reports
/// the median of each over the children. Run on a loaded machine the figures include waiting for a core: say the load.
/// </summary>
public static class RecurrentColdStart
{
    private const int Children = 9;

    /// <summary>Runs the children and prints the medians.</summary>
    public static void Run()
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        string? assembly = typeof(RecurrentColdStart).Assembly.Location;
        bool viaHost = Path.GetFileNameWithoutExtension(self) == "dotnet";
        foreach (string what in new[] { "gru16-step", "lstm16-step", "lstm32-step", "lstm32-forward" })
        {
            var samples = new List<double[]>();
            for (int i = 0; i < Children; i++)
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
                if (viaHost) start.ArgumentList.Add(assembly);
                start.ArgumentList.Add("--recurrent-cold-child");
                start.ArgumentList.Add(what);
                using Process child = Process.Start(start)!;
                string output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                samples.Add(output.Trim().Split(' ').Select(double.Parse).ToArray());
            }
            double Median(int column) => samples.Select(s => s[column]).Order().ElementAt(Children / 2);
            Console.WriteLine($"{what}: construction {Median(0):F1} µs, first call {Median(1):F1} µs, second call {Median(2):F2} µs (median of {Children} fresh processes)");
        }
    }

    /// <summary>One child: construction, first and second call of <paramref name="what"/>, in microseconds.</summary>
    public static void Child(string what)
    {
        var x = new float[BenchLstm32.InputSize];
        for (int i = 0; i < x.Length; i++) x[i] = MathF.Sin(i * 0.1f);
        var y = new float[1];
        long t0 = Stopwatch.GetTimestamp();
        IStreamingModel model = what switch
        {
            "gru16-step" => new BenchGru16(),
            "lstm16-step" => new BenchLstm16(),
            _ => new BenchLstm32(),
        };
        long t1 = Stopwatch.GetTimestamp();
        Action call = what == "lstm32-forward"
            ? () => model.Forward(x, y)
            : () => model.Step(x.AsSpan(0, what == "lstm32-step" ? 8 : 1), y);
        long t2 = Stopwatch.GetTimestamp();
        call();
        long t3 = Stopwatch.GetTimestamp();
        call();
        long t4 = Stopwatch.GetTimestamp();
        _ = t2;
        Console.WriteLine(FormattableString.Invariant($"{Micro(t1 - t0)} {Micro(t3 - t2)} {Micro(t4 - t3)}"));
    }

    private static double Micro(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
