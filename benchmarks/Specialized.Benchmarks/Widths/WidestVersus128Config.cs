using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace Specialized.Benchmarks.Widths;

/// <summary>
/// Four jobs in one run: the widest path this CPU accelerates (the baseline job) and the 128-bit path as the
/// default Native AOT binary runs it. <c>DOTNET_EnableAVX=0</c> switches off AVX, AVX2, FMA and what builds on
/// them, which leaves SSE4.2: x86-64-v2, the instruction set of <c>PublishAot</c> without <c>IlcInstructionSet</c>
/// (<c>DOTNET_EnableAVX2=0</c>, used before 2026-12-02, left AVX's three-operand encoding on),
/// where Vector256 is not accelerated and there is no fused multiply-add. A third job keeps every instruction set
/// but caps the accelerated width at 128 bits (<c>DOTNET_PreferredVectorBitWidth=128</c>): the 128-bit path with a
/// fused multiply-add, as ARM64's NEON runs it, which separates the cost of the width from the cost of the missing
/// multiply-add. A fourth job caps the width at 256 bits (<c>DOTNET_PreferredVectorBitWidth=256</c>: Vector512 reports
/// not accelerated): the 256-bit path an AVX2-only machine (the EPYCs without AVX-512) takes as its widest, so one run
/// also gives an estimate of that machine's widest-vs-128 ratio (the x86-64-v2 job's ratio over this job's). On an
/// AVX-512 CPU this job still has EVEX encoding and 32 registers, where an AVX2 machine has 16, so the estimate is
/// optimistic for kernels that need more than 16 registers; <c>DOTNET_EnableAVX512F=0</c> would model that too. The ratio column compares each
/// workload with itself on the baseline job. Used instead of <see cref="VectorWidthConfig"/> by
/// <c>dotnet run -c Release -- --widest-vs-128</c> (see Program.cs).
/// </summary>
public sealed class WidestVersus128Config : ManualConfig
{
    public WidestVersus128Config()
    {
        Add(DefaultConfig.Instance);
        Job baseJob = Job.Default.WithWarmupCount(3).WithIterationCount(8);
        AddJob(baseJob.WithId("Widest").AsBaseline());
        AddJob(baseJob.WithId("128-bit x86-64-v2").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX", "0")));
        AddJob(baseJob.WithId("128-bit with FMA").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_PreferredVectorBitWidth", "128")));
        AddJob(baseJob.WithId("256-bit AVX2 widest").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_PreferredVectorBitWidth", "256")));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
        WithBuildTimeout(TimeSpan.FromMinutes(20));
        HideColumns(Column.Error, Column.StdDev);
    }
}
