using Specialized.Classical;

namespace Specialized.Runtime.Tests.Classical.Svm;

public class KernelSvmBadInputTests
{
    private static readonly float[] FourRows = [0, 0, 1, 1, 4, 4, 5, 5];
    private static readonly int[] TwoClasses = [0, 0, 1, 1];

    private static KernelSvm<RuntimeKernel> Rbf() => new(new RuntimeKernel(SvmKernel.Rbf, 2, gamma: 0.5), c: 1);

    [Fact]
    public void Fit_with_a_single_class_throws_naming_labels()
    {
        var e = Assert.Throws<ArgumentException>(() => Rbf().Fit(FourRows, [1, 1, 1, 1]));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("single class", e.Message);
    }

    [Fact]
    public void Fit_with_NaN_or_infinity_throws_naming_row_and_column()
    {
        float[] x = (float[])FourRows.Clone();
        x[5] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => Rbf().Fit(x, TwoClasses));
        Assert.Equal("samples", e.ParamName);
        Assert.Contains("row 2, column 1", e.Message);
        x[5] = float.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => Rbf().Fit(x, TwoClasses));
    }

    [Fact]
    public void Fit_with_label_count_not_matching_rows_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Rbf().Fit(FourRows, [0, 1, 1]));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("expected one per sample row (4)", e.Message);
    }

    [Fact]
    public void Fit_with_samples_not_a_whole_number_of_feature_rows_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Rbf().Fit([0, 0, 1, 1, 4], [0, 1]));
        Assert.Equal("samples", e.ParamName);
        Assert.Contains("2 features", e.Message);
    }

    [Fact]
    public void Predict_with_wrong_feature_count_throws_naming_x()
    {
        var svm = Rbf();
        svm.Fit(FourRows, TwoClasses);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => svm.Predict([1f, 2f, 3f])).ParamName);
        Assert.Equal("predictions", Assert.Throws<ArgumentException>(() => svm.Predict(FourRows, new int[3])).ParamName);
    }

    [Fact]
    public void Predict_before_fit_throws_InvalidOperationException()
    {
        var svm = Rbf();
        Assert.Throws<InvalidOperationException>(() => svm.Predict([0f, 0f]));
        Assert.Throws<InvalidOperationException>(() => svm.Predict(FourRows, new int[4]));
        Assert.Throws<InvalidOperationException>(() => svm.DecisionValue([0f, 0f]));
        Assert.Throws<InvalidOperationException>(() => svm.ExportState());
        Assert.Throws<InvalidOperationException>(() => new SupportVectorClassifier().Predict([0f, 0f]));
    }

    [Fact]
    public void DecisionValue_on_more_than_two_classes_throws_pointing_to_DecisionValues()
    {
        var svm = Rbf();
        svm.Fit([0, 0, 1, 1, 4, 4, 5, 5, 9, 9, 10, 10], [0, 0, 1, 1, 2, 2]);
        var e = Assert.Throws<InvalidOperationException>(() => svm.DecisionValue([0f, 0f]));
        Assert.Contains("DecisionValues", e.Message);
    }

    [Fact]
    public void Failed_fit_leaves_the_previous_model_in_place()
    {
        var svm = Rbf();
        svm.Fit(FourRows, TwoClasses);
        double before = svm.DecisionValue([0.5f, 0.5f]);
        Assert.Throws<ArgumentException>(() => svm.Fit(FourRows, [0, 0, 0, 0]));
        Assert.Equal(before, svm.DecisionValue([0.5f, 0.5f]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Non_positive_C_throws_ArgumentOutOfRange(double c)
    {
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Linear, 2), c)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorClassifier(c: c)).ParamName);
    }

    [Fact]
    public void Negative_gamma_throws_ArgumentOutOfRange()
    {
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new RuntimeKernel(SvmKernel.Rbf, 2, gamma: -0.1)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorClassifier(gamma: -0.1)).ParamName);
    }

    [Fact]
    public void Polynomial_degree_below_one_throws_ArgumentOutOfRange()
    {
        Assert.Equal("degree", Assert.Throws<ArgumentOutOfRangeException>(() => new RuntimeKernel(SvmKernel.Polynomial, 2, 1, 0, degree: 0)).ParamName);
        Assert.Equal("degree", Assert.Throws<ArgumentOutOfRangeException>(() => new SupportVectorClassifier(SvmKernel.Polynomial, degree: 0)).ParamName);
    }

    [Fact]
    public void Kernel_without_features_or_bad_solver_options_throw_ArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuntimeKernel(SvmKernel.Rbf, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelSvm<RuntimeKernel>(default, 1)); // default kernel has 0 features
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Linear, 2), 1, tolerance: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Linear, 2), 1, cacheMegabytes: -1));
    }
}
