using Specialized.Classical;
using static Specialized.Tests.Classical.ReferenceData;

namespace Specialized.Tests.Classical.Trees;

public class DecisionTreeTests
{
    [Theory]
    [InlineData("iris")]
    [InlineData("wine")]
    [InlineData("breast_cancer")]
    [InlineData("digits")]
    public void Gini_and_entropy_trees_match_sklearn_accuracy(string set)
    {
        var (train, test) = Load(set);
        foreach (var (criterion, key) in new[] { (SplitCriterion.Gini, "dtree_gini_accuracy"), (SplitCriterion.Entropy, "dtree_entropy_accuracy") })
        {
            var tree = new DecisionTree(criterion, seed: 0);
            tree.Fit(train.Features, train.FeatureCount, train.Labels);
            double accuracy = Accuracy(tree, test.Features, test.Labels);
            Console.WriteLine($"{set} {criterion}: {accuracy:P2} vs sklearn {Number(set, key):P2}");
        }
    }
}
