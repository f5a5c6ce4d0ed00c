using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Specialized.Classical;
using Specialized.Distributed.Orleans;
using Specialized.Models;

namespace Specialized.Distributed.Orleans.Tests;

/// <summary>The jobs every test silo registers, and the data they train on (the bundled digits, as everywhere).</summary>
internal static class TestJobs
{
    public const string Mlp = "digits-mlp";
    public const string Tree = "digits-tree";
    public const string ForestPart = "digits-forest-part";
    public const string Stalling = "stalling";

    public static (Dataset Train, Dataset Validation) Digits() =>
        Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).Scale(1f / 16).SplitByRowIndex(5, 4);

    public static void Register(TrainingCatalog catalog) => catalog
        .Add(Mlp, new NetworkTrainingJob<DigitsMlp>(Digits))
        .Add(Tree, new ClassifierTrainingJob(Digits, request => new DecisionTree(maxDepth: (int)request.Get("max_depth", 8), seed: request.Seed)))
        .Add(ForestPart, new ForestPartTrainingJob(Digits))
        .Add(Stalling, new StallingJob());
}

public sealed class TrainingSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddSpecializedTraining(TestJobs.Register);
        siloBuilder.AddIncomingGrainCallFilter<TrainCallOutcomes>();
        // Notice a killed silo within a few seconds rather than the production defaults' tens of seconds.
        siloBuilder.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
        });
    }
}
