using Microsoft.CodeAnalysis;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Every mistake in a [KernelSvm] declaration is a located error with an ID, a message that says what to change, and no source.</summary>
public class SvmDiagnosticTests
{
    private static (Diagnostic Diagnostic, string SpanText) Single(string source, string id)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Usings + source);
        Assert.Empty(result.GeneratedSources);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var tree = output.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        return (diagnostic, tree.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Theory]
    [InlineData("Features = 0", "0")]
    [InlineData("Features = -3", "-3")]
    public void Features_not_positive_reports_SPEC020_on_the_Features_argument(string argument, string shown)
    {
        var (d, span) = Single($"[KernelSvm({argument}, Gamma = 0.1)] public partial class Svm;", "SPEC020");
        Assert.Equal(argument, span);
        Assert.Contains($"KernelSvm Features is {shown}; set Features to the number of values in one sample", d.GetMessage());
    }

    [Fact]
    public void Features_beyond_sixteen_million_reports_SPEC020()
    {
        var (d, span) = Single("[KernelSvm(Features = int.MaxValue, Gamma = 0.1)] public partial class Svm;", "SPEC020");
        Assert.Equal("Features = int.MaxValue", span);
        Assert.Contains("(1 to 16,777,216)", d.GetMessage());
    }

    [Theory]
    [InlineData("public static partial class Svm { }", "is static")]
    [InlineData("public partial class Svm : System.Exception { }", "already derives from Exception")]
    [InlineData("public partial record Svm;", "is a record, and a record cannot derive from a class")]
    public void Static_class_or_one_with_a_base_class_reports_SPEC030(string declaration, string reason)
    {
        var (d, span) = Single("[KernelSvm(Features = 4, Gamma = 0.25)] " + declaration, "SPEC030");
        Assert.Equal("Svm", span);
        Assert.Contains($"KernelSvm class 'Svm' {reason}; the generator makes it derive from KernelSvm<Svm.Kernel>", d.GetMessage());
    }

    [Theory]
    [InlineData("file partial class Svm { }", "is file-local")]
    [InlineData("public partial struct Svm { }", "is a struct")]
    public void A_type_generated_code_cannot_extend_reports_SPEC016(string declaration, string reason)
    {
        var (d, span) = Single("[KernelSvm(Features = 4, Gamma = 0.25)] " + declaration, "SPEC016");
        Assert.Equal("Svm", span);
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void A_keyword_named_svm_in_a_keyword_namespace_compiles()
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace @event { [KernelSvm(Features = 4, Gamma = 0.25)] public partial class @class; }");
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Features_missing_reports_SPEC020_on_the_attribute()
    {
        var (_, span) = Single("[KernelSvm(Gamma = 0.1)] public partial class Svm;", "SPEC020");
        Assert.Equal("KernelSvm(Gamma = 0.1)", span);
    }

    [Theory]
    [InlineData("C = 0", "0")]
    [InlineData("C = -1.5", "-1.5")]
    [InlineData("C = double.NaN", "NaN")]
    public void C_not_positive_reports_SPEC021_on_the_C_argument(string argument, string shown)
    {
        var (d, span) = Single($"[KernelSvm(Features = 4, Gamma = 0.25, {argument})] public partial class Svm;", "SPEC021");
        Assert.Equal(argument, span);
        Assert.Contains($"KernelSvm C is {shown}; the cost of a margin violation must be a finite number greater than 0", d.GetMessage());
    }

    [Fact]
    public void Negative_gamma_reports_SPEC022_suggesting_one_over_features()
    {
        var (d, span) = Single("[KernelSvm(Features = 4, Gamma = -0.5)] public partial class Svm;", "SPEC022");
        Assert.Equal("Gamma = -0.5", span);
        Assert.Contains("KernelSvm Gamma is -0.5; the kernel scale must be a finite number 0 or more (e.g. Gamma = 0.25", d.GetMessage());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Polynomial_degree_out_of_range_reports_SPEC023(int degree)
    {
        var (d, span) = Single($"[KernelSvm(Features = 4, Kernel = SvmKernel.Polynomial, Gamma = 0.25, Degree = {degree})] public partial class Svm;", "SPEC023");
        Assert.Equal($"Degree = {degree}", span);
        Assert.Contains($"KernelSvm Degree is {degree}; the polynomial degree must be between 1 and 64", d.GetMessage());
    }

    [Theory]
    [InlineData("Rbf", "Degree = 2", "Degree", "Polynomial")]
    [InlineData("Rbf", "Coef0 = 1", "Coef0", "Polynomial and Sigmoid")]
    [InlineData("Sigmoid", "Degree = 3", "Degree", "Polynomial")]
    [InlineData("Linear", "Gamma = 0.1", "Gamma", "Polynomial, Rbf and Sigmoid")]
    [InlineData("Linear", "Coef0 = 0", "Coef0", "Polynomial and Sigmoid")]
    [InlineData("Linear", "Degree = 3", "Degree", "Polynomial")]
    public void Option_the_kernel_does_not_use_reports_SPEC024_on_that_argument(string kernel, string argument, string option, string users)
    {
        string gamma = kernel == "Linear" ? "" : "Gamma = 0.25, ";
        var (d, span) = Single($"[KernelSvm(Features = 4, Kernel = SvmKernel.{kernel}, {gamma}{argument})] public partial class Svm;", "SPEC024");
        Assert.Equal(argument, span);
        Assert.Equal($"SvmKernel.{kernel} does not use {option}; remove '{argument}' or choose a kernel that uses it ({option} is used by {users})", d.GetMessage());
    }

    [Theory]
    [InlineData("Rbf")]
    [InlineData("Polynomial")]
    [InlineData("Sigmoid")]
    public void Gamma_not_given_reports_SPEC025_saying_to_give_one_over_features(string kernel)
    {
        var (d, span) = Single($"[KernelSvm(Features = 64, Kernel = SvmKernel.{kernel})] public partial class Svm;", "SPEC025");
        Assert.Equal($"KernelSvm(Features = 64, Kernel = SvmKernel.{kernel})", span);
        Assert.Contains($"SvmKernel.{kernel} needs Gamma, which is 0 (not given)", d.GetMessage());
        Assert.Contains("give Gamma, e.g. Gamma = 0.015625 (1 / Features, scikit-learn's 'auto')", d.GetMessage());
    }

    [Fact]
    public void Gamma_of_zero_given_explicitly_reports_SPEC025_on_the_argument()
    {
        var (_, span) = Single("[KernelSvm(Features = 8, Gamma = 0)] public partial class Svm;", "SPEC025");
        Assert.Equal("Gamma = 0", span);
    }

    [Theory]
    [InlineData("Tolerance = 0", "SPEC026", "KernelSvm Tolerance is 0; the stopping tolerance must be a finite number greater than 0")]
    [InlineData("Tolerance = -0.001", "SPEC026", "KernelSvm Tolerance is -0.001;")]
    [InlineData("CacheMegabytes = 0", "SPEC027", "KernelSvm CacheMegabytes is 0; the kernel-row cache size must be a finite number greater than 0")]
    [InlineData("Coef0 = double.PositiveInfinity", "SPEC029", "KernelSvm Coef0 is Infinity; the additive kernel constant must be a finite number")]
    public void Solver_options_out_of_range_report_their_ID_on_the_argument(string argument, string id, string message)
    {
        var (d, span) = Single($"[KernelSvm(Features = 4, Kernel = SvmKernel.Sigmoid, Gamma = 0.25, {argument})] public partial class Svm;", id);
        Assert.Equal(argument, span);
        Assert.Contains(message, d.GetMessage());
    }

    [Fact]
    public void Class_with_Model_and_KernelSvm_reports_SPEC028_and_generates_neither()
    {
        var (d, span) = Single("[Model(Input = 4)] [Dense(2)] [KernelSvm(Features = 4, Gamma = 0.25)] public partial class Both;", "SPEC028");
        Assert.Equal("KernelSvm(Features = 4, Gamma = 0.25)", span);
        Assert.Contains("has both [Model] and [KernelSvm]; a class is either a neural network or a kernel SVM", d.GetMessage());
    }

    [Fact]
    public void Undefined_kernel_value_reports_SPEC010_listing_the_kernels()
    {
        var (d, span) = Single("[KernelSvm(Features = 4, Gamma = 0.25, Kernel = (SvmKernel)7)] public partial class Svm;", "SPEC010");
        Assert.Equal("Kernel = (SvmKernel)7", span);
        Assert.Contains("Linear, Polynomial, Rbf, Sigmoid", d.GetMessage());
    }

    [Fact]
    public void Svm_class_not_partial_reports_SPEC001()
    {
        var (_, span) = Single("[KernelSvm(Features = 4, Gamma = 0.25)] public class Svm { }", "SPEC001");
        Assert.Equal("Svm", span);
    }

    [Fact]
    public void Nested_svm_class_reports_SPEC008()
    {
        var (d, _) = Single("public partial class Outer { [KernelSvm(Features = 4, Gamma = 0.25)] public partial class Svm; }", "SPEC008");
        Assert.Contains("declare it at namespace level", d.GetMessage());
    }

    [Fact]
    public void Generic_svm_class_reports_SPEC009_on_the_type_parameters()
    {
        var (_, span) = Single("[KernelSvm(Features = 4, Gamma = 0.25)] public partial class Svm<T>;", "SPEC009");
        Assert.Equal("<T>", span);
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Usings +
            "[KernelSvm(Features = 0, Kernel = SvmKernel.Rbf, C = 0, Degree = 2, Tolerance = 0, CacheMegabytes = -1)] public partial class Svm;");
        Assert.Equal(["SPEC020", "SPEC021", "SPEC024", "SPEC025", "SPEC026", "SPEC027"], result.Diagnostics.Select(d => d.Id).Order().ToArray());
        Assert.Empty(result.GeneratedSources);
    }
}
