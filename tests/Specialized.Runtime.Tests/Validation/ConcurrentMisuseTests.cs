using System.Collections.Concurrent;
using Specialized.Classical;

namespace Specialized.Tests.Validation;

/// <summary>
/// Issue 16, item 1: several threads mutating one instance (documented as not allowed) must end in
/// <see cref="InvalidOperationException"/>, never in memory corruption, a crash or a hang. Each test
/// runs the Parallel.For repro under a timeout until the guard has fired at least once.
/// </summary>
public sealed class ConcurrentMisuseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Concurrent_steps_and_resets_of_one_optimizer_throw_InvalidOperationException()
    {
        var optimizer = new Adam(amsGrad: true);
        var seen = Hammer(random =>
        {
            // Sizes differ per call, so a race in sizing the state would hand the update a short buffer.
            int n = 1 + random.Next(50_000);
            optimizer.Reset();
            optimizer.Step(new float[n], new float[n]);
        });
        Assert.Contains(typeof(InvalidOperationException), seen.Keys);
        Assert.Contains("on a Adam while", seen[typeof(InvalidOperationException)]);
        // A Step may also meet a state sized by another thread's Step between its own Reset and Step:
        // that is the single-threaded "sized for" ArgumentException, also a clean refusal.
        Assert.All(seen.Keys, type => Assert.True(type == typeof(InvalidOperationException) || type == typeof(ArgumentException), type.Name));
    }

    [Fact]
    public void Concurrent_fits_of_one_classifier_throw_InvalidOperationException()
    {
        var tree = new DecisionTree(SplitCriterion.Entropy);
        var seen = Hammer(random =>
        {
            int rows = 20 + random.Next(300), features = 1 + random.Next(8);
            var samples = new float[rows * features];
            for (int i = 0; i < samples.Length; i++) samples[i] = random.NextSingle();
            var labels = new int[rows];
            for (int i = 0; i < rows; i++) labels[i] = random.Next(3);
            tree.Fit(samples, features, labels);
            // Predict on the tree this thread just fitted; another thread may have replaced it with one over
            // more features, which must be refused, not read past the sample.
            tree.Predict(samples.AsSpan(0, features));
        });
        Assert.Contains(typeof(InvalidOperationException), seen.Keys);
        Assert.All(seen.Keys, type => Assert.True(type == typeof(InvalidOperationException) || type == typeof(ArgumentException), type.Name));
    }

    // Runs action on four threads (the Parallel.For) until the guard has fired or a time budget
    // is spent, under a timeout that turns a hang into a failure; returns the first message of each exception type seen.
    private static ConcurrentDictionary<Type, string> Hammer(Action<Random> action)
    {
        var seen = new ConcurrentDictionary<Type, string>();
        var budget = System.Diagnostics.Stopwatch.StartNew();
        var run = Task.Run(() => Parallel.For(0, 4, t =>
        {
            var random = new Random(t);
            for (int i = 0; i < 400 || (!seen.ContainsKey(typeof(InvalidOperationException)) && budget.Elapsed < TimeSpan.FromSeconds(30)); i++)
            {
                try
                {
                    action(random);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    seen.TryAdd(e.GetType(), e.Message);
                }
            }
        }));
        Assert.True(run.Wait(Timeout), $"The repro did not finish within {Timeout.TotalSeconds} s (a spin or deadlock).");
        return seen;
    }
}
