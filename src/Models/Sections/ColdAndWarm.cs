using System.Diagnostics;
using System.Globalization;

namespace Specialized.Models.Sections;

/// <summary>
/// Times an operation as a user meets it: its first call in this process (JIT compilation included; the
/// main job runs with TieredCompilation off, so that is full-optimization JIT, not what a default
/// application's tiered start sees: benchmarks/Specialized.ColdStart measures that) and the fastest of a
/// few further calls (warm).
/// </summary>
internal readonly record struct ColdAndWarm(double Cold, double Warm)
{
    private const int WarmRepeats = 3;

    /// <summary>Runs <paramref name="operation"/> once cold and <see cref="WarmRepeats"/> times warm; milliseconds.</summary>
    public static ColdAndWarm Milliseconds(Action operation)
    {
        var clock = Stopwatch.StartNew();
        operation();
        double cold = clock.Elapsed.TotalMilliseconds;
        double warm = double.PositiveInfinity;
        for (int i = 0; i < WarmRepeats; i++)
        {
            clock.Restart();
            operation();
            warm = Math.Min(warm, clock.Elapsed.TotalMilliseconds);
        }
        return new ColdAndWarm(cold, warm);
    }

    /// <summary>As <see cref="Milliseconds"/>, in microseconds per row of a batch of <paramref name="rows"/>.</summary>
    public static ColdAndWarm MicrosecondsPerRow(Action operation, int rows)
    {
        ColdAndWarm ms = Milliseconds(operation);
        return new ColdAndWarm(ms.Cold * 1e3 / rows, ms.Warm * 1e3 / rows);
    }

    /// <summary>"12.3 ms cold, 1.20 ms warm" (or µs/row).</summary>
    public string Format(string unit) =>
        $"{Number(Cold)} {unit} cold, {Number(Warm)} {unit} warm";

    private static string Number(double value) =>
        value.ToString(value < 1 ? "F3" : value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
}
