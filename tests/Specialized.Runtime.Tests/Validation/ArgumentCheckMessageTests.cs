using Specialized.Classical;
using Specialized.Kernels;

namespace Specialized.Tests.Validation;

/// <summary>
/// The shared argument checks (<c>Require</c>, <see cref="ModelChecks"/>, the packed tree's own) format their messages in
/// throw helpers, out of the checks' bodies, so that a ReadyToRun check's first call resolves no string formatting. These
/// tests pin what each check accepts and, word for word, each refusal's message and parameter name, so moving a message
/// cannot lose or garble it and no half of a condition can go missing unnoticed.
/// </summary>
public sealed class ArgumentCheckMessageTests
{
    [Fact]
    public void Length_accepts_the_expected_count_and_names_both_counts_and_the_meaning_otherwise()
    {
        Require.Length<int>(new int[3], 3, "labels");
        AssertRefusal(() => Require.Length<int>(new int[2], 3, "labels", "one per sample row"), "labels", "labels has 2 elements; expected 3 (one per sample row).");
        AssertRefusal(() => Require.Length<float>(new float[4], 3, "bias"), "bias", "bias has 4 elements; expected 3.");
    }

    [Fact]
    public void Matrix_length_names_the_shape()
    {
        Require.Length<double>(new double[6], 2, 3, "weights");
        AssertRefusal(() => Require.Length<double>(new double[5], 2, 3, "weights"), "weights", "weights has 5 elements; expected 6 (2 × 3).");
    }

    [Fact]
    public void Rows_returns_the_row_count_and_says_which_of_the_three_shapes_is_wrong()
    {
        Assert.Equal(4, Require.Rows(new float[12], 3, "samples"));
        foreach (int featureCount in new[] { 0, -3 })
        {
            var count = Assert.Throws<ArgumentOutOfRangeException>(() => Require.Rows(new float[12], featureCount, "samples"));
            Assert.Equal("featureCount", count.ParamName);
            Assert.Equal(featureCount, count.ActualValue);
            Assert.StartsWith("featureCount must be at least 1. (Parameter 'featureCount')", count.Message);
        }
        // Empty and no features at once: the feature count is reported first.
        Assert.Equal("featureCount", Assert.Throws<ArgumentOutOfRangeException>(() => Require.Rows([], 0, "samples")).ParamName);
        AssertRefusal(() => Require.Rows([], 3, "samples"), "samples", "samples is empty; expected at least one row of 3 features.");
        AssertRefusal(() => Require.Rows(new float[14], 4, "samples"), "samples",
            "samples has 14 elements, which is not a whole number of rows of 4 features (3 rows and 2 left over).");
    }

    [Fact]
    public void Finite_names_the_row_and_column_of_the_first_bad_value()
    {
        Require.Finite([1, 2, 3, 4], 2, "samples");
        AssertRefusal(() => Require.FiniteRows([1, 2, 3, float.NaN, float.PositiveInfinity, 6], 2, "samples"), "samples",
            "samples holds NaN at row 1, column 1; every value must be finite.");
    }

    [Fact]
    public void Labels_counts_classes_and_refuses_a_wrong_count_a_negative_label_one_past_the_classes_and_a_single_class()
    {
        Assert.Equal(3, Require.Labels([0, 2, 1], 3, "labels"));
        Assert.Equal(3, Require.Labels([0, 2, 1], 3, "labels", classCount: 3));
        AssertRefusal(() => Require.Labels([0, 1], 3, "labels"), "labels", "labels has 2 labels; expected one per sample row (3).");
        AssertRefusal(() => Require.Labels([0, -1], 2, "labels"), "labels", "labels[1] is -1; labels must be class indices 0 or more.");
        AssertRefusal(() => Require.Labels([0, 3], 2, "labels", classCount: 3), "labels", "labels[1] is 3; labels must be class indices [0, 3).");
        AssertRefusal(() => Require.AtLeastTwoClasses([2, 2, 2], 3, "labels"), "labels",
            "labels holds a single class (2); at least two classes are needed to fit a classifier.");
        Assert.Equal(2, Require.AtLeastTwoClasses([1, 1, 0], 3, "labels"));
    }

    [Fact]
    public void Scalar_checks_accept_their_range_and_name_the_argument_the_value_and_the_range_outside_it()
    {
        double learningRate = 0, decay = -1, beta = 1, momentum = double.PositiveInfinity, rate = double.NaN, smoothing = 1.5;
        int depth = 0, leaves = 11;
        Require.Positive(0.5);
        Require.NonNegative(0.0);
        Require.UnitInterval(0.0);
        Require.UnitInterval(1.0, includeOne: true);
        Require.InRange(1, 1, 5);
        Require.InRange(5, 1, 5);
        AssertOutOfRange(() => Require.Positive(learningRate), "learningRate", 0.0, "learningRate must be a finite number greater than 0.");
        AssertOutOfRange(() => Require.Positive(momentum), "momentum", double.PositiveInfinity, "momentum must be a finite number greater than 0.");
        AssertOutOfRange(() => Require.Positive(rate), "rate", double.NaN, "rate must be a finite number greater than 0.");
        AssertOutOfRange(() => Require.NonNegative(decay), "decay", -1.0, "decay must be a finite number of 0 or more.");
        AssertOutOfRange(() => Require.NonNegative(rate), "rate", double.NaN, "rate must be a finite number of 0 or more.");
        AssertOutOfRange(() => Require.NonNegative(momentum), "momentum", double.PositiveInfinity, "momentum must be a finite number of 0 or more.");
        AssertOutOfRange(() => Require.UnitInterval(beta), "beta", 1.0, "beta must be in [0, 1).");
        AssertOutOfRange(() => Require.UnitInterval(rate), "rate", double.NaN, "rate must be in [0, 1).");
        AssertOutOfRange(() => Require.UnitInterval(decay, includeOne: true), "decay", -1.0, "decay must be in [0, 1].");
        AssertOutOfRange(() => Require.UnitInterval(smoothing, includeOne: true), "smoothing", 1.5, "smoothing must be in [0, 1].");
        AssertOutOfRange(() => Require.InRange(depth, 1, 10), "depth", 0, "depth must be between 1 and 10.");
        AssertOutOfRange(() => Require.InRange(leaves, 1, 10), "leaves", 11, "leaves must be between 1 and 10.");
    }

    [Fact]
    public void Fitted_names_the_type_and_the_call_to_make_first()
    {
        Require.Fitted(true, nameof(DecisionTree));
        var e = Assert.Throws<InvalidOperationException>(() => Require.Fitted(false, nameof(DecisionTree)));
        Assert.Equal("This DecisionTree has not been fitted yet; call Fit before predicting or scoring.", e.Message);
    }

    [Fact]
    public void A_packed_tree_refuses_a_sample_shorter_than_the_features_it_reads_and_a_short_posterior_buffer()
    {
        // The packed tree itself (a forest's members and a tree's own Predict reach it after their own checks): a stump on
        // feature 1, so it reads two features.
        var tree = new FlatTree(
            [new() { Threshold = 0.5f, Feature = 1, Next = 1 }, new() { Feature = -1, Next = 0 }, new() { Feature = -1, Next = 1 }],
            [1, 0, 0, 1], [0, 1], classes: 2, depth: 1);
        Assert.Equal(1, tree.LeafOf([0f, 1f]));
        var sums = new float[2];
        tree.AddPosterior([0f, 1f], sums);
        Assert.Equal([0f, 1f], sums);
        AssertRefusal(() => tree.LeafOf([0f]), "sample", "sample has 1 features; this tree reads 2.");
        AssertRefusal(() => tree.AddPosterior([0f, 5f], new float[1]), "sums", "sums has 1 elements; this tree has 2 classes.");
    }

    [Fact]
    public void Model_checks_name_the_batch_the_output_size_and_an_overlap()
    {
        Assert.Equal(2, ModelChecks.BatchOf(new float[8], 4));
        AssertRefusal(() => ModelChecks.BatchOf(new float[7], 4), "inputs",
            "inputs has 7 floats; expected a positive multiple of InputSize (4), one row of 4 per sample.");
        AssertRefusal(() => ModelChecks.BatchOf([], 4), "inputs",
            "inputs has 0 floats; expected a positive multiple of InputSize (4), one row of 4 per sample.");
        ModelChecks.OutputLength(new float[6], 2, 3);
        AssertRefusal(() => ModelChecks.OutputLength(new float[5], 2, 3), "outputs", "outputs has 5 floats; expected 6 (batch 2 × OutputSize 3).");
        var buffer = new float[8];
        ModelChecks.NoOverlap(buffer.AsSpan(0, 4), buffer.AsSpan(4, 4));
        AssertRefusal(() => ModelChecks.NoOverlap(buffer.AsSpan(0, 4), buffer.AsSpan(2, 4)), "outputs",
            "outputs overlaps inputs; pass separate buffers (copy the inputs first to compute in place).");
    }

    private static void AssertRefusal(Action check, string paramName, string message)
    {
        var e = Assert.Throws<ArgumentException>(check);
        Assert.Equal(paramName, e.ParamName);
        Assert.Equal($"{message} (Parameter '{paramName}')", e.Message);
    }

    private static void AssertOutOfRange(Action check, string paramName, object value, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(check);
        Assert.Equal(paramName, e.ParamName);
        Assert.Equal(value, e.ActualValue);
        // The runtime appends the actual value on a line of its own; everything before it is ours.
        Assert.Equal($"{message} (Parameter '{paramName}')", e.Message.Split(Environment.NewLine)[0]);
    }
}
