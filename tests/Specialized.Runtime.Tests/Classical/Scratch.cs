using System.Diagnostics;
using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;
namespace Specialized.Tests.Classical;
public class Scratch
{
    [Fact]
    public void Profile()
    {
        var (train, test) = Load("digits");
        var w = Enumerable.Repeat(1.0, train.Count).ToArray();
        for (int rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            PresortedSamples data = null!;
            for (int i = 0; i < 20; i++) data = new PresortedSamples(train.Features, 64, train.Labels, 10);
            double presort = sw.Elapsed.TotalMilliseconds / 20;
            var builder = new TreeBuilder(data, new TreeSettings(SplitCriterion.Gini, int.MaxValue, 2, 1, 0, 64));
            sw.Restart();
            GrownTree g = null!;
            for (int i = 0; i < 20; i++) { var r = TreeRandom.ForStream(0, i); g = builder.Build(w, ref r); }
            double build = sw.Elapsed.TotalMilliseconds / 20;
            sw.Restart();
            for (int i = 0; i < 20; i++) g.Compile();
            double compile = sw.Elapsed.TotalMilliseconds / 20;
            var b8 = new TreeBuilder(data, new TreeSettings(SplitCriterion.Gini, int.MaxValue, 2, 1, 0, 8));
            var rr = TreeRandom.ForStream(0, 99);
            var boot = new double[train.Count];
            for (int i = 0; i < train.Count; i++) boot[rr.Next(train.Count)]++;
            sw.Restart();
            for (int i = 0; i < 100; i++) { var r = TreeRandom.ForStream(0, i); g = b8.Build(boot, ref r); }
            double build8 = sw.Elapsed.TotalMilliseconds / 100;
            sw.Restart();
            var forest = new RandomForest(100, maxThreads: 1); forest.Fit(train.Features, 64, train.Labels);
            double forestMs = sw.Elapsed.TotalMilliseconds;
            var labels = new int[test.Count];
            sw.Restart();
            for (int i = 0; i < 10; i++) forest.Predict(test.Features, labels);
            double predictUs = sw.Elapsed.TotalMicroseconds / 10 / test.Count;
            Console.WriteLine($"presort {presort:F2} ms, full build {build:F2} ms (nodes {g.Count}), compile {compile:F3} ms, sqrt build {build8:F2} ms, forest {forestMs:F0} ms, predict {predictUs:F1} us/row");
        }
    }
}
