using System.Diagnostics;

namespace Specialized.Models.CommandLine;

/// <summary>The <c>benchmark</c> command's clock: a quick in-process estimate, not a BenchmarkDotNet measurement.</summary>
internal static class Timing
{
    /// <summary>
    /// Calls <paramref name="call"/> for a warm-up period, then repeatedly for about <paramref name="milliseconds"/>,
    /// and returns the mean time per call in microseconds.
    /// </summary>
    public static double MicrosecondsPerCall(Action call, double milliseconds = 150)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < milliseconds / 3) call();
        long calls = 0;
        start = Stopwatch.GetTimestamp();
        do
        {
            for (int i = 0; i < 8; i++) call();
            calls += 8;
        }
        while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < milliseconds);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
    }
}
