using Specialized.Classical;

namespace Specialized.Tests.Classical.Ensembles;

/// <summary>Every discriminative classifier rejects bad input before doing any work, naming the argument.</summary>
public class BadInputTests
{
    public static TheoryData<string> Classifiers => new()
    {
        nameof(LeastSquaresClassifier), nameof(FisherDiscriminant), nameof(Perceptron), nameof(LogisticRegression),
        nameof(SoftmaxRegression), nameof(DecisionTree), nameof(RandomForest), nameof(AdaBoost), nameof(GentleBoost), nameof(Committee),
    };

    private static IClassifier Create(string name) => name switch
    {
        nameof(LeastSquaresClassifier) => new LeastSquaresClassifier(),
        nameof(FisherDiscriminant) => new FisherDiscriminant(),
        nameof(Perceptron) => new Perceptron(),
        nameof(LogisticRegression) => new LogisticRegression(),
        nameof(SoftmaxRegression) => new SoftmaxRegression(),
        nameof(DecisionTree) => new DecisionTree(),
        nameof(RandomForest) => new RandomForest(treeCount: 5),
        nameof(AdaBoost) => new AdaBoost(rounds: 5),
        nameof(GentleBoost) => new GentleBoost(rounds: 5),
        nameof(Committee) => new Committee(new DecisionTree(), new AdaBoost(rounds: 3)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    // Six rows of two features, two classes, full rank with a bias column.
    private static readonly float[] Samples = [0, 1, 1, 0, 2, 3, 5, 4, 6, 7, 7, 5];
    private static readonly int[] Labels = [0, 0, 0, 1, 1, 1];

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void Samples_not_a_whole_number_of_rows_throw_naming_samples(string name)
    {
        var model = Create(name);
        var e = Assert.Throws<ArgumentException>(() => model.Fit(Samples.AsSpan(0, 11), 2, Labels));
        Assert.Equal("samples", e.ParamName);
        Assert.False(model.IsFitted);
    }

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void Non_positive_feature_count_throws_naming_it(string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Create(name).Fit(Samples, 0, Labels));
        Assert.Equal("featureCount", e.ParamName);
    }

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void NaN_and_infinity_throw_naming_samples_and_the_position(string name)
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var samples = (float[])Samples.Clone();
            samples[5] = bad;
            var e = Assert.Throws<ArgumentException>(() => Create(name).Fit(samples, 2, Labels));
            Assert.Equal("samples", e.ParamName);
            Assert.Contains("row 2, column 1", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void A_single_class_throws_naming_labels(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Create(name).Fit(Samples, 2, [1, 1, 1, 1, 1, 1]));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("single class", e.Message);
    }

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void Negative_labels_and_wrong_label_count_throw_naming_labels(string name)
    {
        var negative = Assert.Throws<ArgumentException>(() => Create(name).Fit(Samples, 2, [0, 0, -1, 1, 1, 1]));
        Assert.Equal("labels", negative.ParamName);
        var count = Assert.Throws<ArgumentException>(() => Create(name).Fit(Samples, 2, [0, 1]));
        Assert.Equal("labels", count.ParamName);
    }

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void Predicting_before_fit_throws_and_wrong_shapes_after_fit_name_the_argument(string name)
    {
        var model = Create(name);
        Assert.Throws<InvalidOperationException>(() => model.Predict([1f, 2f]));
        model.Fit(Samples, 2, Labels);
        Assert.Equal("sample", Assert.Throws<ArgumentException>(() => model.Predict([1f, 2f, 3f])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => model.Predict(Samples, new int[5])).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => model.PredictProbabilities(Samples, new float[6])).ParamName);
    }

    [Fact]
    public void Tree_depth_below_one_throws_naming_maxDepth()
    {
        Assert.Equal("maxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTree(maxDepth: 0)).ParamName);
        Assert.Equal("maxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomForest(maxDepth: -1)).ParamName);
        Assert.Equal("maxDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaBoost(maxDepth: 0)).ParamName);
    }

    [Fact]
    public void Feature_subset_outside_one_to_feature_count_throws_naming_maxFeatures_before_fitting()
    {
        Assert.Equal("maxFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTree(maxFeatures: 0)).ParamName);
        Assert.Equal("maxFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomForest(maxFeatures: 0)).ParamName);
        var forest = new RandomForest(maxFeatures: 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => forest.Fit(Samples, 2, Labels));
        Assert.Equal("maxFeatures", e.ParamName);
        Assert.Contains("2 features", e.Message);
        Assert.False(forest.IsFitted);
        var tree = new DecisionTree(maxFeatures: 3);
        Assert.Equal("maxFeatures", Assert.Throws<ArgumentOutOfRangeException>(() => tree.Fit(Samples, 2, Labels)).ParamName);
    }

    [Fact]
    public void Other_options_out_of_range_throw_naming_them()
    {
        Assert.Equal("minSamplesSplit", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTree(minSamplesSplit: 1)).ParamName);
        Assert.Equal("minSamplesLeaf", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTree(minSamplesLeaf: 0)).ParamName);
        Assert.Equal("costComplexityAlpha", Assert.Throws<ArgumentOutOfRangeException>(() => new DecisionTree(costComplexityAlpha: -1)).ParamName);
        Assert.Equal("treeCount", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomForest(treeCount: 0)).ParamName);
        Assert.Equal("rounds", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaBoost(rounds: 0)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegression(c: 0)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxRegression(c: double.NaN)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Perceptron(learningRate: -1)).ParamName);
        Assert.Equal("ridge", Assert.Throws<ArgumentOutOfRangeException>(() => new LeastSquaresClassifier(ridge: -1)).ParamName);
        Assert.Equal("components", Assert.Throws<ArgumentOutOfRangeException>(() => new FisherDiscriminant(components: 0)).ParamName);
        Assert.Equal("components", Assert.Throws<ArgumentOutOfRangeException>(() => new FisherDiscriminant(components: 2).Fit(Samples, 2, Labels)).ParamName);
        Assert.Equal("members", Assert.Throws<ArgumentException>(() => new Committee()).ParamName);
    }
}
