using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Specialized.Benchmarks;
using Specialized.Benchmarks.Widths;

// Pick benchmarks with --filter, e.g. `--filter *Mlp*`; every class runs with the jobs of VectorWidthConfig.
// `--widest-vs-128` runs WidestVersus128Benchmarks instead, on the widest path and on x86-64-v2's 128-bit path.
if (args.Contains("--widest-vs-128"))
{
    BenchmarkRunner.Run<WidestVersus128Benchmarks>(new WidestVersus128Config(), args.Where(a => a != "--widest-vs-128").ToArray());
    return;
}
// `--recurrent-cold` times the first Step and Forward of the recurrent benchmark models in fresh processes.
if (args.Contains("--recurrent-cold"))
{
    Specialized.Benchmarks.Recurrent.RecurrentColdStart.Run();
    return;
}
if (args.Length == 2 && args[0] == "--recurrent-cold-child")
{
    Specialized.Benchmarks.Recurrent.RecurrentColdStart.Child(args[1]);
    return;
}
IConfig config = new VectorWidthConfig();
BenchmarkSwitcher.FromAssembly(typeof(VectorWidthConfig).Assembly).Run(args, config);
