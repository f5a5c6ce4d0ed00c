using BenchmarkDotNet.Running;

// Pick benchmarks with --filter, e.g. `--filter *Mlp*`; every class runs with the jobs of VectorWidthConfig.
BenchmarkSwitcher.FromAssembly(typeof(Specialized.Benchmarks.VectorWidthConfig).Assembly).Run(args, new Specialized.Benchmarks.VectorWidthConfig());
