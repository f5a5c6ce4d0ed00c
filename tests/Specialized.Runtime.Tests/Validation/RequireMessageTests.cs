using Specialized.Classical;
using Specialized.Kernels;

namespace Specialized.Tests.Validation;

/// <summary>
/// The shared argument checks format their messages in throw helpers, out of the checks' bodies (so a ReadyToRun
/// check's first call resolves no string formatting). These tests pin what each check accepts and the exact
/// message and parameter name of each refusal, so moving a message cannot lose or garble it.
/// </summary>
public sealed class RequireMessageTests
{
    [Fact]
    public void Length_accepts_the_expected_count_and_names_both_counts_and_the_meaning_otherwise()
    {
        Require.Length<int>(new int[3], 3, "labels");
        var e = Assert.Throws<ArgumentException>(() => Require.Length<int>(new int[2], 3, "labels", "one per sample row"));
        Assert.Equal("labels", e.ParamName);
        Assert.StartsWith("labels has 2 elements; expected 3 (one per sample row).", e.Message);
        e = Assert.Throws<ArgumentException>(() => Require.Length<float>(new float[4], 3, "bias"));
        Assert.StartsWith("bias has 4 elements; expected 3.", e.Message);
    }

    [Fact]
    public void Matrix_length_names_the_shape()
    {
        Require.Length<double>(new double[6], 2, 3, "weights");
        var e = Assert.Throws<ArgumentException>(() => Require.Length<double>(new double[5], 2, 3, "weights"));
        Assert.Equal("weights", e.ParamName);
        Assert.StartsWith("weights has 5 elements; expected 6 (2 × 3).", e.Message);
    }

    [Fact]
    public void Rows_returns_the_row_count_and_says_which_of_the_three_shapes_is_wrong()
    {
        Assert.Equal(4, Require.Rows(new float[12], 3, "samples"));
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => Require.Rows(new float[12], 0, "samples"));
        Assert.Equal("featureCount", count.ParamName);
        Assert.StartsWith("featureCount must be at least 1.", count.Message);
        var empty = Assert.Throws<ArgumentException>(() => Require.Rows([], 3, "samples"));
        Assert.Equal("samples", empty.ParamName);
        Assert.StartsWith("samples is empty; expected at least one row of 3 features.", empty.Message);
        var ragged = Assert.Throws<ArgumentException>(() => Require.Rows(new float[14], 4, "samples"));
        Assert.StartsWith("samples has 14 elements, which is not a whole number of rows of 4 features (3 rows and 2 left over).", ragged.Message);
    }

    [Fact]
    public void Finite_names_the_row_and_column_of_the_first_bad_value()
    {
        Require.Finite([1, 2, 3, 4], 2, "samples");
        var e = Assert.Throws<ArgumentException>(() => Require.FiniteRows([1, 2, 3, float.NaN, float.PositiveInfinity, 6], 2, "samples"));
        Assert.Equal("samples", e.ParamName);
        Assert.StartsWith("samples holds NaN at row 1, column 1; every value must be finite.", e.Message);
    }

    [Fact]
    public void Labels_counts_classes_and_refuses_a_wrong_count_a_negative_label_and_one_past_the_classes()
    {
        Assert.Equal(3, Require.Labels([0, 2, 1], 3, "labels"));
        var count = Assert.Throws<ArgumentException>(() => Require.Labels([0, 1], 3, "labels"));
        Assert.StartsWith("labels has 2 labels; expected one per sample row (3).", count.Message);
        var negative = Assert.Throws<ArgumentException>(() => Require.Labels([0, -1], 2, "labels"));
        Assert.Equal("labels", negative.ParamName);
        Assert.StartsWith("labels[1] is -1; labels must be class indices 0 or more.", negative.Message);
        var tooLarge = Assert.Throws<ArgumentException>(() => Require.Labels([0, 3], 2, "labels", classCount: 3));
        Assert.StartsWith("labels[1] is 3; labels must be class indices [0, 3).", tooLarge.Message);
        var single = Assert.Throws<ArgumentException>(() => Require.AtLeastTwoClasses([2, 2], 2, "labels"));
        Assert.StartsWith("labels holds a single class (2); at least two classes are needed to fit a classifier.", single.Message);
        Assert.Equal(2, Require.AtLeastTwoClasses([1, 0], 2, "labels"));
    }

    [Fact]
    public void Scalar_checks_name_the_argument_the_value_and_the_range()
    {
        double learningRate = 0, decay = -1, beta = 1, momentum = double.PositiveInfinity;
        int depth = 0;
        Require.Positive(0.5);
        Require.NonNegative(0.0);
        Require.UnitInterval(0.0);
        Require.UnitInterval(1.0, includeOne: true);
        Require.InRange(5, 1, 5);
        AssertOutOfRange(() => Require.Positive(learningRate), "learningRate", 0.0, "learningRate must be a finite number greater than 0.");
        AssertOutOfRange(() => Require.Positive(momentum), "momentum", double.PositiveInfinity, "momentum must be a finite number greater than 0.");
        AssertOutOfRange(() => Require.NonNegative(decay), "decay", -1.0, "decay must be a finite number of 0 or more.");
        AssertOutOfRange(() => Require.UnitInterval(beta), "beta", 1.0, "beta must be in [0, 1).");
        AssertOutOfRange(() => Require.UnitInterval(decay, includeOne: true), "decay", -1.0, "decay must be in [0, 1].");
        AssertOutOfRange(() => Require.InRange(depth, 1, 10), "depth", 0, "depth must be between 1 and 10.");
    }

    [Fact]
    public void Fitted_names_the_type_and_the_call_to_make_first()
    {
        Require.Fitted(true, "Tree");
        var e = Assert.Throws<InvalidOperationException>(() => Require.Fitted(false, nameof(DecisionTree)));
        Assert.Equal("This DecisionTree has not been fitted yet; call Fit before predicting or scoring.", e.Message);
    }

    [Fact]
    public void A_tree_refuses_a_sample_shorter_than_the_features_it_reads_and_a_short_posterior_buffer()
    {
        // The packed tree itself (a forest's members and a tree's own Predict reach it after their own checks): a stump on
        // feature 1, so it reads two features.
        var member = new FlatTree(
            [new() { Threshold = 0.5f, Feature = 1, Next = 1 }, new() { Feature = -1, Next = 0 }, new() { Feature = -1, Next = 1 }],
            [1, 0, 0, 1], [0, 1], classes: 2, depth: 1);
        Assert.Equal(1, member.LeafOf([0f, 1f]));
        var shortSample = Assert.Throws<ArgumentException>(() => member.LeafOf([0f]));
        Assert.Equal("sample", shortSample.ParamName);
        Assert.StartsWith("sample has 1 features; this tree reads 2.", shortSample.Message);
        var shortSums = Assert.Throws<ArgumentException>(() => member.AddPosterior([0f, 5f], new float[1]));
        Assert.Equal("sums", shortSums.ParamName);
        Assert.StartsWith("sums has 1 elements; this tree has 2 classes.", shortSums.Message);
    }

    [Fact]
    public void Model_checks_name_the_batch_the_output_size_and_an_overlap()
    {
        Assert.Equal(2, ModelChecks.BatchOf(new float[8], 4));
        var batch = Assert.Throws<ArgumentException>(() => ModelChecks.BatchOf(new float[7], 4));
        Assert.Equal("inputs", batch.ParamName);
        Assert.StartsWith("inputs has 7 floats; expected a positive multiple of InputSize (4), one row of 4 per sample.", batch.Message);
        ModelChecks.OutputLength(new float[6], 2, 3);
        var outputs = Assert.Throws<ArgumentException>(() => ModelChecks.OutputLength(new float[5], 2, 3));
        Assert.Equal("outputs", outputs.ParamName);
        Assert.StartsWith("outputs has 5 floats; expected 6 (batch 2 × OutputSize 3).", outputs.Message);
        var buffer = new float[8];
        ModelChecks.NoOverlap(buffer.AsSpan(0, 4), buffer.AsSpan(4, 4));
        var overlap = Assert.Throws<ArgumentException>(() => ModelChecks.NoOverlap(buffer.AsSpan(0, 4), buffer.AsSpan(2, 4)));
        Assert.Equal("outputs", overlap.ParamName);
        Assert.StartsWith("outputs overlaps inputs; pass separate buffers (copy the inputs first to compute in place).", overlap.Message);
    }

    private static void AssertOutOfRange(Action check, string paramName, object value, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(check);
        Assert.Equal(paramName, e.ParamName);
        Assert.Equal(value, e.ActualValue);
        Assert.StartsWith(message, e.Message);
    }
}
