namespace Specialized.Tests.Data;

public sealed class ConfusionMatrixTests
{
    // Hand example, 3 classes, 10 samples:
    //   true 0: predicted 0, 0, 1        → row (2, 1, 0)
    //   true 1: predicted 1, 1, 1, 2     → row (0, 3, 1)
    //   true 2: predicted 0, 2, 2        → row (1, 0, 2)
    private static readonly int[] Truth = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 1, 1, 1, 2, 0, 2, 2];

    [Fact]
    public void Counts_rows_by_true_class_and_columns_by_predicted_class()
    {
        var matrix = new ConfusionMatrix(Truth, Predicted, 3);
        int[,] expected = { { 2, 1, 0 }, { 0, 3, 1 }, { 1, 0, 2 } };
        for (int t = 0; t < 3; t++)
            for (int p = 0; p < 3; p++) Assert.Equal(expected[t, p], matrix[t, p]);
        Assert.Equal(10, matrix.Total);
        Assert.Equal(7, matrix.Correct);
        Assert.Equal(0.7, matrix.Accuracy);
    }

    [Fact]
    public void Precision_recall_and_F1_per_class_match_the_hand_computation()
    {
        var matrix = new ConfusionMatrix(Truth, Predicted, 3);
        // Column sums (predicted): 3, 4, 3. Row sums (support): 3, 4, 3.
        // 1e-12: a single division of small integers.
        Assert.Equal(2.0 / 3, matrix.Precision(0), 1e-12);
        Assert.Equal(3.0 / 4, matrix.Precision(1), 1e-12);
        Assert.Equal(2.0 / 3, matrix.Precision(2), 1e-12);
        Assert.Equal(2.0 / 3, matrix.Recall(0), 1e-12);
        Assert.Equal(3.0 / 4, matrix.Recall(1), 1e-12);
        Assert.Equal(2.0 / 3, matrix.Recall(2), 1e-12);
        Assert.Equal(2.0 / 3, matrix.F1(0), 1e-12);
        Assert.Equal(0.75, matrix.F1(1), 1e-12);
        Assert.Equal((2.0 / 3 + 0.75 + 2.0 / 3) / 3, matrix.MacroF1, 1e-12);
        Assert.Equal(4, matrix.Support(1));
    }

    [Fact]
    public void A_class_never_predicted_has_precision_zero()
    {
        var matrix = new ConfusionMatrix([0, 1, 2], [0, 1, 1], 3);
        Assert.Equal(0, matrix.Precision(2));
        Assert.Equal(0, matrix.Recall(2));
        Assert.Equal(0, matrix.F1(2));
    }

    [Fact]
    public void ToString_shows_the_table_and_the_per_class_figures()
    {
        string text = new ConfusionMatrix(Truth, Predicted, 3).ToString(["cat", "dog", "owl"]);
        string[] lines = text.Split(Environment.NewLine);
        Assert.Equal("true \\ predicted cat dog owl", string.Join(' ', lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("cat 2 1 0", string.Join(' ', lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("dog 0 3 1", string.Join(' ', lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("0.7500", text);
        Assert.Contains("accuracy 0.7000 (7 of 10)", text);
    }

    [Fact]
    public void Bad_labels_throw_naming_the_argument()
    {
        Assert.Equal("predictedLabels", Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0], 2)).ParamName);
        Assert.Equal("trueLabels", Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 2], [0, 1], 2)).ParamName);
        Assert.Equal("predictedLabels", Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0, -1], 2)).ParamName);
        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix([0], [0], 0)).ParamName);
    }
}
