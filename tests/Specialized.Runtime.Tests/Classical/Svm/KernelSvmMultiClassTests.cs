using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>LIBSVM's one-vs-one scheme: class order, pair order, decision signs, voting and ties.</summary>
public class KernelSvmMultiClassTests
{
    private static readonly RuntimeKernel LinearKernel = new(SvmKernel.Linear, 1);

    // A machine with no support vectors whose pairwise decision values are the given intercepts.
    private static KernelSvm<RuntimeKernel> WithDecisions(params double[] decisions)
    {
        int k = (int)Math.Round((1 + Math.Sqrt(1 + 8 * decisions.Length)) / 2);
        var svm = new KernelSvm<RuntimeKernel>(LinearKernel, 1);
        svm.ImportState(new KernelSvmState
        {
            Kernel = SvmKernel.Linear, Features = 1, Gamma = 0, Coef0 = 0, Degree = 3,
            Classes = Enumerable.Range(0, k).Select(c => 10 * c).ToArray(),
            SupportCounts = new int[k], SupportVectors = [], DualCoefficients = [], Intercepts = decisions,
        });
        return svm;
    }

    [Fact]
    public void Three_way_vote_tie_goes_to_the_lowest_class()
    {
        // (0,1) → 1, (0,2) → 0, (1,2) → 2: one vote each; LIBSVM's argmax keeps the first.
        Assert.Equal(0, WithDecisions(-1, 1, -1).Predict([0f]));
        // (0,1) → 0, (0,2) → 2, (1,2) → 1: again one each.
        Assert.Equal(0, WithDecisions(1, -1, 1).Predict([0f]));
    }

    [Fact]
    public void Tie_between_later_classes_goes_to_the_lower_of_them()
    {
        // Pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3) → 1, 2, 3, 1, 3, 2: classes 1, 2, 3 have two votes each.
        var svm = WithDecisions(-1, -1, -1, 1, -1, 1);
        Span<int> votes = stackalloc int[4];
        Assert.Equal(1, svm.Votes([0f], votes));
        Assert.Equal([0, 2, 2, 2], votes.ToArray());
        Assert.Equal(10, svm.Predict([0f])); // predictions are the labels
    }

    [Fact]
    public void Zero_decision_value_votes_for_the_second_class_of_the_pair()
    {
        Assert.Equal(10, WithDecisions(0).Predict([0f])); // LIBSVM: dec > 0 votes i, otherwise j
    }

    [Fact]
    public void Classes_are_ordered_by_label_and_decision_values_come_in_LIBSVM_pair_order()
    {
        // Three groups on a line, labels given out of order and with gaps: 7 at −5, 2 at 0, 9 at +5.
        float[] x = [-5.2f, -4.8f, 0.2f, -0.2f, 4.9f, 5.1f];
        int[] y = [7, 7, 2, 2, 9, 9];
        var svm = new KernelSvm<RuntimeKernel>(LinearKernel, 100);
        svm.Fit(x, y);
        Assert.Equal([2, 7, 9], svm.Classes.ToArray());

        Span<double> values = stackalloc double[3];
        svm.DecisionValues([-5f], values);  // a point of class 7 = index 1
        Assert.True(values[0] < 0);          // pair (2, 7): negative → 7
        Assert.True(values[1] > 0);          // pair (2, 9): closer to 2 than to 9 → 2
        Assert.True(values[2] > 0);          // pair (7, 9): → 7
        Assert.Equal(7, svm.Predict([-5f]));
        Assert.Equal(2, svm.Predict([0.1f]));
        Assert.Equal(9, svm.Predict([6f]));
    }

    [Fact]
    public void Binary_decision_value_is_positive_for_the_smaller_label()
    {
        var svm = new KernelSvm<RuntimeKernel>(LinearKernel, 10);
        svm.Fit([3f, 4f, -3f, -4f], [5, 5, 1, 1]);
        Assert.True(svm.DecisionValue([-3.5f]) > 0); // class 1 sits at −3.5 and is the first class
        Assert.True(svm.DecisionValue([3.5f]) < 0);
    }

    [Fact]
    public void Support_vectors_are_shared_across_pairs_and_grouped_by_class()
    {
        var (train, _) = SvmTestData.Digits;
        var rows = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] < 3).ToArray();
        var subset = train.Subset(rows);
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 64, 0.001), 10);
        svm.Fit(subset.Features, subset.Labels);
        KernelSvmState state = svm.ExportState();

        Assert.Equal(svm.SupportVectorCount, svm.SupportIndices.ToArray().Distinct().Count());
        Assert.Equal(svm.SupportVectorCount, state.SupportCounts.Sum());
        for (int s = 0, c = 0, seen = 0; s < svm.SupportVectorCount; s++, seen++)
        {
            while (seen == state.SupportCounts[c]) { c++; seen = 0; }
            Assert.Equal(c, subset.Labels[svm.SupportIndices[s]]);
            Assert.Equal(subset.Row(svm.SupportIndices[s]).ToArray(), state.SupportVectors.AsSpan(s * 64, 64).ToArray());
        }
    }

    [Fact]
    public void Vote_fractions_of_the_classifier_sum_to_one_with_absent_labels_at_zero()
    {
        var svc = new SupportVectorClassifier(SvmKernel.Linear, c: 10);
        svc.Fit([-5f, -4f, 0f, 1f, 5f, 6f], 1, [0, 0, 2, 2, 3, 3]);
        Assert.Equal(4, svc.ClassCount);
        var p = new float[2 * 4];
        svc.PredictProbabilities([-4.5f, 5.5f], p);
        Assert.Equal([2f / 3, 0, 1f / 3, 0], p[..4]);
        Assert.Equal(1f, p[4..].Sum(), 1e-6f);
        Assert.Equal(0f, p[5]);
    }
}
