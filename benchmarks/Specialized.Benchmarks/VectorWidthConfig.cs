using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace Specialized.Benchmarks;

/// <summary>
/// Runs every benchmark twice: with the runtime's default vector width (on Cascade Lake .NET reports
/// Vector512 as not accelerated, so generated code takes its 256-bit path) and with
/// DOTNET_PreferredVectorBitWidth=512 (the 512-bit path). Ratios are against the baseline of the same job.
/// </summary>
public sealed class VectorWidthConfig : ManualConfig
{
    public VectorWidthConfig()
    {
        Add(DefaultConfig.Instance);
        // SPECIALIZED_BENCH_JOB=short runs both widths as BenchmarkDotNet's ShortRun (one launch, 3 warm-ups, 3
        // iterations); the command line's --job short would add a third job instead of shortening these two.
        Job baseJob = Environment.GetEnvironmentVariable("SPECIALIZED_BENCH_JOB") == "short" ? Job.ShortRun : Job.Default;
        AddJob(baseJob.WithId("Default-width"));
        AddJob(baseJob.WithId("Vector512").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_PreferredVectorBitWidth", "512")));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(RankColumn.Arabic);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
        // Builds of the benchmark processes can be slow on a busy 2-core machine.
        WithBuildTimeout(TimeSpan.FromMinutes(20));
        HideColumns(Column.Error, Column.StdDev);
    }
}
