using Orleans.TestingHost;
using Specialized.Distributed.Orleans;
using Specialized.Models;
using Xunit.Abstractions;

namespace Specialized.Distributed.Orleans.Tests;

/// <summary>
/// A committee, searches and a forest trained on an in-process cluster of three silos: the members spread over the silos, each
/// equals a local run with its seed bit for bit, killing a silo mid-run still completes every member, and an attempt
/// given up at its timeout stops on its silo without returning its result.
/// </summary>
public sealed class TrainingClusterTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> Quick = new() { ["epochs"] = 3, ["batch_size"] = 32, ["learning_rate"] = 0.05, ["momentum"] = 0.9 };

    [Fact]
    public async Task A_committee_searches_and_a_forest_spread_over_the_silos_and_equal_local_runs()
    {
        await using TestCluster cluster = await StartAsync();
        var trainer = new ClusterTrainer(cluster.Client) { AttemptTimeout = TimeSpan.FromMinutes(2) };

        IReadOnlyList<TrainingResult> members = await trainer.TrainCommitteeAsync(TestJobs.Mlp, members: 6, firstSeed: 11, Quick);
        Describe(members);
        // The spread placement deals member i to silo i mod n (n = the silos the gateway knows as active; 3 once the
        // cluster has settled, as in every run here): more than one silo must have trained members.
        Assert.True(members.Select(m => m.Silo).Distinct().Count() > 1, "every member ran on one silo");
        var (train, validation) = TestJobs.Digits();
        for (int i = 0; i < members.Count; i++)
        {
            Assert.Equal(11 + i, members[i].Request.Seed);
            var local = new DigitsMlp();
            NetworkTrainingJob<DigitsMlp>.Fit(local, members[i].Request, train);
            // Training is deterministic given the seed, so the silo's weights equal the local ones exactly.
            Assert.Equal(local.Parameters.ToArray(), NetworkWeights.FromBytes<DigitsMlp>(members[i].Weights).Parameters.ToArray());
            Assert.Equal(ModelEvaluation.Evaluate(local, validation).Accuracy!.Value, members[i].ValidationAccuracy);
        }
        double committee = CommitteeVote.Accuracy(members, validation.Labels);
        output.WriteLine($"committee accuracy {committee:P2}; members {string.Join(", ", members.Select(m => m.ValidationAccuracy.ToString("P2")))}");
        Assert.True(committee >= members.Min(m => m.ValidationAccuracy), "the committee is worse than its worst member");

        SearchResult grid = await trainer.GridSearchAsync(TestJobs.Mlp, new Dictionary<string, double[]> { ["learning_rate"] = [0.01, 0.1], ["epochs"] = [1, 3] }, seed: 5);
        Describe(grid.Trials);
        Assert.Equal(4, grid.Trials.Count);
        Assert.Equal(
            ["epochs=1 learning_rate=0.01", "epochs=1 learning_rate=0.1", "epochs=3 learning_rate=0.01", "epochs=3 learning_rate=0.1"],
            grid.Trials.Select(t => string.Join(' ', t.Request.HyperParameters.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))));
        Assert.Equal(grid.Trials.Max(t => t.ValidationAccuracy), grid.Best.ValidationAccuracy);
        foreach (TrainingResult trial in grid.Trials)
        {
            var local = new DigitsMlp();
            NetworkTrainingJob<DigitsMlp>.Fit(local, trial.Request, train);
            Assert.Equal(local.Parameters.ToArray(), NetworkWeights.FromBytes<DigitsMlp>(trial.Weights).Parameters.ToArray());
        }

        SearchResult trees = await trainer.RandomSearchAsync(TestJobs.Tree, new Dictionary<string, SearchRange> { ["max_depth"] = new(2, 12) }, trials: 3, seed: 3);
        Describe(trees.Trials);
        foreach (TrainingResult trial in trees.Trials)
        {
            var local = new Classical.DecisionTree(maxDepth: (int)trial.Request.Get("max_depth", 8), seed: trial.Request.Seed);
            local.Fit(train.Features, train.FeatureCount, train.Labels);
            var predicted = new int[validation.Count];
            local.Predict(validation.Features, predicted);
            Assert.Equal(Metrics.Accuracy(predicted, validation.Labels), trial.ValidationAccuracy);
        }
        Assert.True(trees.Best.ValidationAccuracy > 0.5, $"the best tree scores {trees.Best.ValidationAccuracy:P2}");

        // A forest's trees grown in six parts over the silos and assembled equal the forest a local Fit grows.
        var forest = new Classical.RandomForest(treeCount: 24, seed: 8);
        IReadOnlyList<TrainingResult> parts = await trainer.FitForestAsync(TestJobs.ForestPart, forest, parts: 6);
        Describe(parts);
        Assert.Equal(6, parts.Count);
        Assert.True(parts.Select(p => p.Silo).Distinct().Count() > 1, "every forest part ran on one silo");
        var localForest = new Classical.RandomForest(treeCount: 24, seed: 8);
        localForest.Fit(train.Features, train.FeatureCount, train.Labels);
        var expected = new float[validation.Count * localForest.ClassCount];
        var actual = new float[validation.Count * forest.ClassCount];
        localForest.PredictProbabilities(validation.Features, expected);
        forest.PredictProbabilities(validation.Features, actual);
        Assert.Equal(expected, actual);
        var expectedLabels = new int[validation.Count];
        var actualLabels = new int[validation.Count];
        localForest.Predict(validation.Features, expectedLabels);
        forest.Predict(validation.Features, actualLabels);
        Assert.Equal(expectedLabels, actualLabels);
        Assert.Equal(localForest.OutOfBagScore, forest.OutOfBagScore);
        Assert.Equal(localForest.FeatureImportances, forest.FeatureImportances);
        output.WriteLine($"forest of 24 trees from 6 parts: validation accuracy {Metrics.Accuracy(actualLabels, validation.Labels):P2}, out of bag {forest.OutOfBagScore:P2}");
    }

    [Fact]
    public async Task Killing_a_silo_mid_run_retries_its_members_elsewhere_and_completes()
    {
        await using TestCluster cluster = await StartAsync();
        // The attempt timeout only has to outlast a member on a loaded machine (25 s at load 30 with three silos busy).
        var trainer = new ClusterTrainer(cluster.Client) { AttemptTimeout = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.FromSeconds(1), MaxAttempts = 6 };
        // Long enough that no member can finish before the kill takes effect on a quiet machine: 120 epochs once
        // finished in 1.4 s on the victim, before its kill landed, and a result came back from it. 400 epochs take
        // about 5 s quiet (two members per silo on two cores) and stay well inside the attempt timeout under load.
        var slow = new Dictionary<string, double>(Quick) { ["epochs"] = 400 };
        SiloHandle victim = cluster.SecondarySilos[0];
        string[] survivors = [.. cluster.GetActiveSilos().Where(silo => silo != victim).Select(silo => silo.SiloAddress.ToString())];
        Task<IReadOnlyList<TrainingResult>> run = trainer.TrainCommitteeAsync(TestJobs.Mlp, members: 6, firstSeed: 21, slow);
        // Let every member start (the spread placement gives each silo two of the six), then kill one without warning.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted, "the committee finished before the silo could be killed; give the members more epochs");
        await cluster.KillSiloAsync(victim);
        IReadOnlyList<TrainingResult> members = await run.WaitAsync(TimeSpan.FromMinutes(10));
        Describe(members);
        Assert.Equal(6, members.Count);
        Assert.Contains(members, m => m.Attempts > 1);
        // No result comes from the killed silo: a retry is placed away from the silo that failed the member, and a silo
        // that has begun to stop neither takes a member nor returns one it finished meanwhile.
        Assert.DoesNotContain(members, m => m.Silo == victim.SiloAddress.ToString());
        Assert.All(members, m => Assert.Contains(m.Silo, survivors));
        var (train, _) = TestJobs.Digits();
        TrainingResult retried = members.First(m => m.Attempts > 1);
        var local = new DigitsMlp();
        NetworkTrainingJob<DigitsMlp>.Fit(local, retried.Request, train);
        Assert.Equal(local.Parameters.ToArray(), NetworkWeights.FromBytes<DigitsMlp>(retried.Weights).Parameters.ToArray());
    }

    [Fact]
    public async Task An_attempt_given_up_at_its_timeout_stops_on_its_silo_and_its_late_result_is_not_returned()
    {
        await using TestCluster cluster = await StartAsync();
        var trainer = new ClusterTrainer(cluster.Client) { AttemptTimeout = TimeSpan.FromSeconds(5), RetryDelay = TimeSpan.FromMilliseconds(200), MaxAttempts = 2 };
        // The timeout must outlast the first attempt's start (2.4 s after the call at load 40, right after the cluster starts):
        // an attempt cancelled before its job runs would leave the retry to stall instead.
        const int Seed = 4242;
        IReadOnlyList<TrainingResult> results = await trainer.TrainAllAsync([new TrainingRequest { Job = TestJobs.Stalling, Seed = Seed }]).WaitAsync(TimeSpan.FromMinutes(3));
        Describe(results);
        // The first attempt hung past its timeout; the retry answered, and its result is the one taken.
        TrainingResult result = Assert.Single(results);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(StallingJob.Fresh, result.ValidationAccuracy);

        // The abandoned attempt was told to stop: it observed its cancellation soon after the timeout (the bound leaves
        // room for a loaded machine; uncancelled it would have run to StallingJob.Limit, two minutes, and reported null).
        TimeSpan? stoppedAfter = await StallingJob.FirstAttemptStopped(Seed).WaitAsync(StallingJob.Limit + TimeSpan.FromMinutes(1));
        output.WriteLine($"the abandoned attempt stopped {stoppedAfter?.TotalSeconds:F2} s after it started (attempt timeout {trainer.AttemptTimeout.TotalSeconds} s)");
        Assert.NotNull(stoppedAfter);
        Assert.True(stoppedAfter < trainer.AttemptTimeout + TimeSpan.FromSeconds(30), $"the abandoned attempt stopped only {stoppedAfter} after it started");

        // It finished with a result after the cancellation, and its grain answered the cancellation instead of that result.
        Exception? first = await TrainCallOutcomes.Of(Seed, attempt: 1).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.IsAssignableFrom<OperationCanceledException>(first);
        Assert.Null(await TrainCallOutcomes.Of(Seed, attempt: 2).WaitAsync(TimeSpan.FromMinutes(1)));
    }

    private static async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<TrainingSiloConfigurator>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private void Describe(IEnumerable<TrainingResult> results)
    {
        foreach (TrainingResult r in results)
            output.WriteLine($"seed {r.Request.Seed} {string.Join(' ', r.Request.HyperParameters.Select(p => $"{p.Key}={p.Value}"))}: {r.ValidationAccuracy:P2} on {r.Silo} in {r.Elapsed.TotalMilliseconds:F0} ms, {r.Attempts} attempt(s)");
    }
}
