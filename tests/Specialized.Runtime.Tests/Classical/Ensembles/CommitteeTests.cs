using Specialized.Classical;
using static Specialized.Tests.Classical.Discriminative.SklearnReference;

namespace Specialized.Tests.Classical.Ensembles;

public class CommitteeTests
{
    [Fact]
    public void Posteriors_are_the_weighted_average_of_the_members()
    {
        var (train, test) = Load("wine");
        var tree = new DecisionTree(maxDepth: 2);
        var lda = new FisherDiscriminant();
        tree.Fit(train.Features, 13, train.Labels);
        lda.Fit(train.Features, 13, train.Labels);
        var committee = new Committee([tree, lda], [1, 3]);
        var expected = new float[test.Count * 3];
        var a = new float[test.Count * 3];
        var b = new float[test.Count * 3];
        tree.PredictProbabilities(test.Features, a);
        lda.PredictProbabilities(test.Features, b);
        for (int i = 0; i < expected.Length; i++) expected[i] = 0.25f * a[i] + 0.75f * b[i];
        var actual = new float[test.Count * 3];
        committee.PredictProbabilities(test.Features, actual);
        for (int i = 0; i < actual.Length; i++) Assert.Equal(expected[i], actual[i], 6);
        Assert.Equal(ClassifierOf(actual, 0), committee.Predict(test.Row(0)));
    }

    [Fact]
    public void Fit_trains_every_member_and_predicting_allocates_nothing()
    {
        var (train, test) = Load("digits");
        IClassifier[] members = [new RandomForest(treeCount: 10, seed: 0), new AdaBoost(rounds: 20), new DecisionTree(maxDepth: 8)];
        var committee = new Committee(members);
        committee.Fit(train.Features, 64, train.Labels);
        Assert.True(committee.IsFitted);
        var labels = new int[test.Count];
        var p = new float[test.Count * 10];
        committee.Predict(test.Features, labels);
        committee.PredictProbabilities(test.Features, p);
        long before = GC.GetAllocatedBytesForCurrentThread();
        committee.Predict(test.Features, labels);
        committee.PredictProbabilities(test.Features, p);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        // Averaging never does worse than the weakest member here (the depth-8 tree).
        Assert.True(Metrics.Accuracy(labels, test.Labels) >= members.Min(m => Accuracy(m, test.Features, test.Labels)));
    }

    [Fact]
    public void Unfitted_members_make_predicting_throw()
    {
        var committee = new Committee(new DecisionTree());
        Assert.False(committee.IsFitted);
        Assert.Throws<InvalidOperationException>(() => committee.Predict([1f]));
    }

    private static int ClassifierOf(float[] p, int row) => Array.IndexOf(p, p.Skip(row * 3).Take(3).Max(), row * 3) - row * 3;
}
