using Microsoft.CodeAnalysis;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Mistakes in branches, skip concatenations, transposed convolutions and upsampling are located errors SPEC037–SPEC044.</summary>
public class BranchDiagnosticTests
{
    private static Compilation? s_last;

    private static Diagnostic Single(string source, string id)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Usings + source);
        s_last = output;
        Assert.Empty(result.GeneratedSources);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }

    private static string SpanText(Diagnostic diagnostic)
    {
        var tree = s_last!.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    private const string Image = "[Model(Channels = 2, Height = 8, Width = 8, Loss = Loss.MeanSquaredError)] ";

    [Fact]
    public void Branches_ending_in_different_sizes_report_SPEC037_on_the_counts()
    {
        var d = Single(Image + "[Branches(1, 1)] [Conv2D(3, 1)] [Conv2D(3, 3)] [GlobalAvgPool] [Dense(2)] public partial class Net;", "SPEC037");
        Assert.Equal("1", SpanText(d));
        Assert.Contains("branch 1 ends in [3, 6, 6] but branch 0 ends in [3, 8, 8]", d.GetMessage());
    }

    [Theory]
    [InlineData("[Conv2D(3, 1)] [ConcatFrom(1)] [Dense(2)]", "that is this layer itself")]
    [InlineData("[Conv2D(3, 1)] [ConcatFrom(5)] [Dense(2)]", "layer 5 comes after it")]
    [InlineData("[ConcatFrom(0)] [Dense(2)]", "none: it is the first layer of its list")]
    [InlineData("[Conv2D(3, 1)] [ConcatFrom(-1)] [Dense(2)]", "positions start at 0")]
    public void ConcatFrom_of_a_later_layer_reports_SPEC038_on_its_argument(string layers, string cause)
    {
        var d = Single(Image + layers + " public partial class Net;", "SPEC038");
        Assert.Matches(@"^-?\d$", SpanText(d)); // the layer argument
        Assert.Contains(cause, d.GetMessage());
    }

    [Fact]
    public void ConcatFrom_of_a_vector_onto_an_image_reports_SPEC039()
    {
        var d = Single("[Model(Channels = 2, Height = 4, Width = 4, Loss = Loss.MeanSquaredError)] [Conv2D(3, 1)] [Dense(4)] [ConcatFrom(0)] public partial class Net;", "SPEC039");
        Assert.Equal("0", SpanText(d));
        Assert.Contains("the current value [4] with layer 0's output [3, 4, 4]", d.GetMessage());
    }

    [Fact]
    public void ConcatFrom_of_another_size_reports_SPEC040()
    {
        var d = Single(Image + "[Conv2D(3, 1)] [MaxPool(2)] [ConcatFrom(0)] [Dense(2)] public partial class Net;", "SPEC040");
        Assert.Equal("0", SpanText(d));
        Assert.Contains("joins the current value [3, 4, 4] with layer 0's output [3, 8, 8]", d.GetMessage());
    }

    [Fact]
    public void Branches_that_run_past_the_list_report_SPEC041()
    {
        var d = Single(Image + "[Branches(1, 3)] [Conv2D(3, 1)] [Conv2D(3, 1)] public partial class Net;", "SPEC041");
        Assert.Equal("1", SpanText(d));
        Assert.Contains("declares 4 layers across its branches but only 2 layer attribute(s) follow it", d.GetMessage());
    }

    [Theory]
    [InlineData("[ConvTranspose2D(3, 2, Stride = 2, OutputPadding = 2)]", "OutputPadding = 2", "less than the Stride (2)")]
    [InlineData("[ConvTranspose2D(3, 2, Stride = 0)]", "Stride = 0", "at least 1")]
    [InlineData("[ConvTranspose2D(3, 2, Padding = -1)]", "Padding = -1", "0 or more")]
    [InlineData("[ConvTranspose2D(3, 1, Padding = 5)]", "Padding = 5", "must be at least 1: lower the Padding")]
    public void Invalid_transposed_convolution_reports_SPEC042_on_the_argument(string layer, string argument, string hint)
    {
        var d = Single(Image + layer + " [GlobalAvgPool] [Dense(2)] public partial class Net;", "SPEC042");
        Assert.Equal(argument, SpanText(d));
        Assert.Contains(hint, d.GetMessage());
    }

    [Fact]
    public void Upsample_by_one_reports_SPEC043()
    {
        var d = Single(Image + "[Upsample(1)] [GlobalAvgPool] [Dense(2)] public partial class Net;", "SPEC043");
        Assert.Equal("1", SpanText(d));
        Assert.Contains("at least 2", d.GetMessage());
    }

    [Theory]
    [InlineData("[Branches(2)]", "declares 1 branch(es)")]
    [InlineData("[Branches(1, -1)]", "gives a branch -1 layers")]
    public void Invalid_branch_counts_report_SPEC044(string layer, string problem)
    {
        var d = Single(Image + layer + " [Conv2D(3, 1)] [Conv2D(3, 1)] [GlobalAvgPool] [Dense(2)] public partial class Net;", "SPEC044");
        Assert.Contains(problem, d.GetMessage());
    }

    [Fact]
    public void Per_pixel_softmax_over_one_channel_reports_SPEC007()
    {
        var d = Single("[Model(Channels = 1, Height = 4, Width = 4, Loss = Loss.SoftmaxCrossEntropy)] [Conv2D(1, 1)] public partial class Net;", "SPEC007");
        Assert.Contains("one unit per class", d.GetMessage());
    }
}
