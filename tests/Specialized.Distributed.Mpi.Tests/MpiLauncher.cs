using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Specialized.Distributed.Mpi.Tests;

/// <summary>Runs the host program under <c>mpiexec -n N</c> (or alone) and reads back what each rank wrote.</summary>
internal static class MpiLauncher
{
    public static string? MpiExec { get; } = FindOnPath("mpiexec");

    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "Specialized.Distributed.Mpi.Host.dll");

    /// <summary>Runs <c>mpiexec -n <paramref name="ranks"/> dotnet host …</c>; returns exit code and output. Bounded by <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Output) Run(int? ranks, IReadOnlyList<string> hostArguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        if (ranks is { } n)
        {
            start.FileName = MpiExec ?? throw new InvalidOperationException("mpiexec is not on the PATH.");
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(dotnet);
        }
        else
        {
            start.FileName = dotnet;
        }
        start.ArgumentList.Add(HostAssembly);
        foreach (string argument in hostArguments) start.ArgumentList.Add(argument);
        if (environment is not null) foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish in {timeout.TotalSeconds} s.");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    public static float[] ReadRank(string directory, int rank) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(directory, $"rank{rank}.f32"))).ToArray();

    public static Dictionary<string, string> ReadSummary(string directory) =>
        File.ReadAllLines(Path.Combine(directory, "summary.txt"))
            .Where(line => !line.StartsWith("epoch ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    public static string[] ReadEpochLosses(string directory) =>
        File.ReadAllLines(Path.Combine(directory, "summary.txt")).Where(line => line.StartsWith("epoch ", StringComparison.Ordinal)).ToArray();

    private static string? FindOnPath(string program)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
