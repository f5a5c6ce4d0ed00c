using System.Globalization;
using Specialized.Classical;

namespace Specialized.Distributed.Orleans;

/// <summary>
/// Grows a range of a random forest's trees (<see cref="RandomForest.FitTrees"/>) and returns them as the result's
/// <see cref="TrainingResult.Weights"/> (a <see cref="RandomForestPart"/>'s safetensors bytes). The forest's settings,
/// seed and range travel in the request (<see cref="Request"/> writes them), so every silo grows exactly the trees a
/// local <see cref="RandomForest.Fit"/> would; <see cref="ClusterTrainer.FitForestAsync"/> splits a forest into such
/// requests and assembles the answers.
/// </summary>
/// <remarks>
/// Hyper-parameters: <c>trees</c>, <c>criterion</c> (the <see cref="SplitCriterion"/> value), <c>max_depth</c> (0: none),
/// <c>min_samples_split</c>, <c>min_samples_leaf</c>, <c>max_features</c> (0: ⌊√features⌋), <c>bootstrap</c> (0 or 1),
/// <c>majority_vote</c> (0 or 1), <c>first_tree</c>, <c>tree_count</c>. A part has no validation figures of its own
/// (its accuracy is NaN): the forest is scored once assembled.
/// </remarks>
public sealed class ForestPartTrainingJob : ITrainingJob
{
    private readonly Lazy<(Dataset Train, Dataset Validation)> _data;

    /// <summary>A job that grows forest parts on the training set <paramref name="loadData"/> returns (the validation set is not used).</summary>
    public ForestPartTrainingJob(Func<(Dataset Train, Dataset Validation)> loadData)
    {
        ArgumentNullException.ThrowIfNull(loadData);
        _data = new Lazy<(Dataset, Dataset)>(loadData, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The request for trees <paramref name="firstTree"/> … <paramref name="firstTree"/> + <paramref name="count"/> − 1 of <paramref name="forest"/> under the job <paramref name="job"/>.</summary>
    public static TrainingRequest Request(string job, RandomForest forest, int firstTree, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentNullException.ThrowIfNull(forest);
        return new TrainingRequest
        {
            Job = job,
            Seed = forest.Seed,
            HyperParameters = new Dictionary<string, double>
            {
                ["trees"] = forest.TreeCount,
                ["criterion"] = (int)forest.Criterion,
                ["max_depth"] = forest.MaxDepth ?? 0,
                ["min_samples_split"] = forest.MinSamplesSplit,
                ["min_samples_leaf"] = forest.MinSamplesLeaf,
                ["max_features"] = forest.MaxFeatures ?? 0,
                ["bootstrap"] = forest.Bootstrap ? 1 : 0,
                ["majority_vote"] = forest.MajorityVote ? 1 : 0,
                ["first_tree"] = firstTree,
                ["tree_count"] = count,
            },
        };
    }

    /// <summary>The forest a request describes (see <see cref="Request"/>), using every core of this silo.</summary>
    public static RandomForest Forest(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int Whole(string name, double fallback)
        {
            double value = request.Get(name, fallback);
            if (value != Math.Floor(value) || value < int.MinValue || value > int.MaxValue)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"hyper-parameter '{name}' is {value}; expected a whole number."), nameof(request));
            return (int)value;
        }
        int maxDepth = Whole("max_depth", 0), maxFeatures = Whole("max_features", 0), criterion = Whole("criterion", (int)SplitCriterion.Gini);
        if (!Enum.IsDefined((SplitCriterion)criterion))
            throw new ArgumentException($"hyper-parameter 'criterion' is {criterion}; expected one of {string.Join(", ", Enum.GetValues<SplitCriterion>().Select(c => $"{(int)c} ({c})"))}.", nameof(request));
        return new RandomForest(
            treeCount: Whole("trees", 100),
            criterion: (SplitCriterion)criterion,
            maxDepth: maxDepth == 0 ? null : maxDepth,
            minSamplesSplit: Whole("min_samples_split", 2),
            minSamplesLeaf: Whole("min_samples_leaf", 1),
            maxFeatures: maxFeatures == 0 ? null : maxFeatures,
            bootstrap: Whole("bootstrap", 1) != 0,
            majorityVote: Whole("majority_vote", 0) != 0,
            seed: request.Seed);
    }

    /// <inheritdoc/>
    public TrainingResult Train(TrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RandomForest forest = Forest(request);
        int firstTree = (int)request.Get("first_tree", 0);
        int count = (int)request.Get("tree_count", forest.TreeCount - firstTree);
        var (train, _) = _data.Value;
        cancellationToken.ThrowIfCancellationRequested();
        RandomForestPart part = forest.FitTrees(train.Features, train.FeatureCount, train.Labels, firstTree, count);
        cancellationToken.ThrowIfCancellationRequested();
        return new TrainingResult { Request = request, Weights = part.ToBytes(), ValidationAccuracy = double.NaN };
    }
}
