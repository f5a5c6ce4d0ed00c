using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID); wall clock elsewhere): on a
/// loaded machine the time a first call really computed and compiled, without the time it waited for a core.
/// </summary>
internal static partial class ThreadCpuTime
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

    /// <summary>Milliseconds of CPU time the calling thread has used.</summary>
    public static double Milliseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out TimeSpec time) == 0)
            return time.Seconds * 1e3 + time.Nanoseconds * 1e-6;
        return Stopwatch.GetElapsedTime(0).TotalMilliseconds;
    }
}
