using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Specialized.Benchmarks;
using Specialized.Benchmarks.Widths;

// Pick benchmarks with --filter, e.g. `--filter *Mlp*`; every class runs with the jobs of VectorWidthConfig.
// `--widest-vs-128` runs WidestVersus128Benchmarks instead, on the widest path and on x86-64-v2's 128-bit path.
// `--mlp-cold` times the digits MLP's first calls in fresh processes (Mlp/MlpColdStart.cs).
if (args.Contains("--mlp-cold") || args.Contains("--mlp-cold-child"))
    return Specialized.Benchmarks.Mlp.MlpColdStart.Run(args);
// `--mlp-min` runs the MLP rows as minimums of interleaved samples, for a loaded machine (Mlp/MlpMinimumTimes.cs).
if (args.Contains("--mlp-min"))
    return Specialized.Benchmarks.Mlp.MlpMinimumTimes.Run(args);
if (args.Contains("--widest-vs-128"))
{
    BenchmarkRunner.Run<WidestVersus128Benchmarks>(new WidestVersus128Config(), args.Where(a => a != "--widest-vs-128").ToArray());
    return 0;
}
// `--recurrent-min` runs the streaming-step rows as minimums of interleaved samples (Recurrent/RecurrentMinimumTimes.cs).
if (args.Contains("--recurrent-min"))
    return Specialized.Benchmarks.Recurrent.RecurrentMinimumTimes.Run(args);
// `--recurrent-cold` times the first Step and Forward of the recurrent benchmark models in fresh processes.
if (args.Contains("--recurrent-cold"))
{
    Specialized.Benchmarks.Recurrent.RecurrentColdStart.Run();
    return 0;
}
if (args.Length == 2 && args[0] == "--recurrent-cold-child")
{
    Specialized.Benchmarks.Recurrent.RecurrentColdStart.Child(args[1]);
    return 0;
}
IConfig config = new VectorWidthConfig();
BenchmarkSwitcher.FromAssembly(typeof(VectorWidthConfig).Assembly).Run(args, config);
return 0;
