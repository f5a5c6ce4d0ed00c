using Microsoft.CodeAnalysis;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Every mistake in a declaration is a located error with an ID, a message that says what to change, and no source.</summary>
public class DiagnosticTests
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

    // The generator reports locations as plain values (file, span), so find the text through the file path.
    private static string SpanText(Diagnostic diagnostic)
    {
        var tree = s_last!.SyntaxTrees.Single(t => t.FilePath == diagnostic.Location.GetLineSpan().Path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void Class_not_partial_reports_SPEC001_on_the_class_name()
    {
        var d = Single("[Model(Input = 4)] [Dense(2)] public class Net { }", "SPEC001");
        Assert.Equal("Net", SpanText(d));
        Assert.Contains("must be declared partial", d.GetMessage());
    }

    [Fact]
    public void Model_given_twice_reports_SPEC002()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Usings + "[Model(Input = 4)] [Model(Input = 5)] [Dense(2)] public partial class Net;");
        Assert.Contains(result.Diagnostics, d => d.Id == "SPEC002" && d.GetMessage().Contains("keep exactly one"));
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Layers_without_model_report_SPEC003()
    {
        var d = Single("[Dense(2)] public partial class Net;", "SPEC003");
        Assert.Equal("Net", SpanText(d));
        Assert.Contains("add [Model(", d.GetMessage());
    }

    [Fact]
    public void Model_without_layers_reports_SPEC004()
    {
        var d = Single("[Model(Input = 4)] public partial class Net;", "SPEC004");
        Assert.Contains("add at least one layer", d.GetMessage());
    }

    [Fact]
    public void Input_of_zero_reports_SPEC005_on_the_Input_argument()
    {
        var d = Single("[Model(Input = 0)] [Dense(2)] public partial class Net;", "SPEC005");
        Assert.Equal("Input = 0", SpanText(d));
        Assert.Contains("Model Input is 0; it must be at least 1", d.GetMessage());
    }

    [Fact]
    public void Dense_with_negative_units_reports_SPEC005_on_the_units_argument()
    {
        var d = Single("[Model(Input = 4)] [Dense(8)] [Dense(-3)] public partial class Net;", "SPEC005");
        Assert.Equal("-3", SpanText(d));
        Assert.Contains("Dense layer 1 units is -3", d.GetMessage());
    }

    [Theory]
    [InlineData("SoftmaxCrossEntropy", "Relu", "softmax")]
    [InlineData("BinaryCrossEntropy", "Sigmoid", "sigmoid")]
    [InlineData("Hinge", "Tanh", "margin")]
    public void Loss_on_logits_after_an_activated_last_layer_reports_SPEC006(string loss, string activation, string own)
    {
        var d = Single($"[Model(Input = 4, Loss = Loss.{loss})] [Dense(3, Activation.{activation})] public partial class Net;", "SPEC006");
        Assert.Equal($"Loss = Loss.{loss}", SpanText(d));
        Assert.Contains(own, d.GetMessage());
        Assert.Contains($"remove Activation.{activation} from the last layer", d.GetMessage());
    }

    [Fact]
    public void Softmax_cross_entropy_with_one_output_reports_SPEC007()
    {
        var d = Single("[Model(Input = 4, Loss = Loss.SoftmaxCrossEntropy)] [Dense(1)] public partial class Net;", "SPEC007");
        Assert.Contains("Loss.BinaryCrossEntropy", d.GetMessage());
    }

    [Fact]
    public void Binary_cross_entropy_with_several_outputs_is_multi_label_and_allowed()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Usings + "[Model(Input = 4, Loss = Loss.BinaryCrossEntropy)] [Dense(3)] public partial class Net;");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.GeneratedSources.Length);
    }

    [Fact]
    public void Nested_model_reports_SPEC008()
    {
        var d = Single("public partial class Outer { [Model(Input = 4)] [Dense(2)] public partial class Net; }", "SPEC008");
        Assert.Equal("Net", SpanText(d));
        Assert.Contains("declare it at namespace level", d.GetMessage());
    }

    [Fact]
    public void Generic_model_reports_SPEC009_on_the_type_parameters()
    {
        var d = Single("[Model(Input = 4)] [Dense(2)] public partial class Net<T>;", "SPEC009");
        Assert.Equal("<T>", SpanText(d));
    }

    [Fact]
    public void Undefined_activation_value_reports_SPEC010_listing_the_valid_names()
    {
        var d = Single("[Model(Input = 4, Loss = Loss.MeanSquaredError)] [Dense(2, (Activation)42)] public partial class Net;", "SPEC010");
        Assert.Equal("(Activation)42", SpanText(d));
        Assert.Contains("Identity, Relu, LeakyRelu, Elu, Sigmoid, Tanh", d.GetMessage());
    }

    [Fact]
    public void Duplicate_tensor_names_report_SPEC011_on_the_Name_argument()
    {
        var d = Single("[Model(Input = 4)] [Dense(3, Name = \"head\")] [Dense(2, Name = \"head\")] public partial class Net;", "SPEC011");
        Assert.Equal("Name = \"head\"", SpanText(d));
        Assert.Contains("is used by another layer", d.GetMessage());
    }

    [Theory]
    [InlineData("a\\\"b")]
    [InlineData("head<1>")]
    [InlineData("two words")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("b.")]
    public void Tensor_name_that_is_not_a_module_path_reports_SPEC011(string name)
    {
        var d = Single($"[Model(Input = 4)] [Dense(2, Name = \"{name}\")] public partial class Net;", "SPEC011");
        Assert.StartsWith("Name = ", SpanText(d));
        Assert.Contains("letters, digits", d.GetMessage());
    }

    [Fact]
    public void Model_with_more_than_int_max_parameters_reports_SPEC012()
    {
        var d = Single("[Model(Input = 100000)] [Dense(100000)] [Dense(2)] public partial class Net;", "SPEC012");
        Assert.Contains("at most 2,147,483,647", d.GetMessage());
    }

    [Fact]
    public void Every_diagnostic_has_a_help_link_derived_from_its_id()
    {
        var d = Single("[Model(Input = 4)] public partial class Net;", "SPEC004");
        Assert.EndsWith("#spec004", d.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void Residual_that_runs_past_the_last_layer_reports_SPEC013_on_Layers()
    {
        var d = Single("[Model(Input = 4)] [Dense(3)] [Residual(Layers = 3)] [Dense(3)] public partial class Net;", "SPEC013");
        Assert.Equal("Layers = 3", SpanText(d));
        Assert.Contains("takes the next 3 layers as its body, but only 1 follow", d.GetMessage());
    }

    [Fact]
    public void Residual_without_a_body_reports_SPEC005()
    {
        var d = Single("[Model(Input = 4)] [Residual] [Dense(3)] public partial class Net;", "SPEC005");
        Assert.Contains("Layers is 0", d.GetMessage());
    }

    [Theory]
    [InlineData("[Dropout(1.0)]", "probability", "1")]
    [InlineData("[Dropout(-0.1)]", "probability", "-0.1")]
    [InlineData("[BatchNorm(Momentum = 0)]", "Momentum", "0")]
    [InlineData("[BatchNorm(Epsilon = -1e-5)]", "Epsilon", "-1E-05")]
    public void Option_out_of_range_reports_SPEC014_on_the_argument(string layer, string option, string value)
    {
        var d = Single($"[Model(Input = 4)] [Dense(3)] {layer} [Dense(2)] public partial class Net;", "SPEC014");
        Assert.Contains(option, d.GetMessage());
        Assert.Contains($"is {value};", d.GetMessage());
        Assert.Contains(value.Replace("1E-05", "1e-5").TrimStart('-').Split('.')[0], SpanText(d));
    }

    [Fact]
    public void A_layer_attribute_the_generator_does_not_know_reports_SPEC015()
    {
        var d = Single("public sealed class MyLayerAttribute : LayerAttribute { } [Model(Input = 4)] [Dense(3)] [MyLayer] [Dense(2)] public partial class Net;", "SPEC015");
        Assert.Equal("MyLayer", SpanText(d));
        Assert.Contains("'MyLayerAttribute'", d.GetMessage());
    }

    [Theory]
    [InlineData("public static partial class Net { }", "is static")]
    [InlineData("file partial class Net { }", "is file-local")]
    [InlineData("public partial struct Net { }", "is a struct")]
    [InlineData("public partial record struct Net;", "is a record struct")]
    public void A_type_generated_code_cannot_extend_reports_SPEC016(string declaration, string reason)
    {
        var d = Single("[Model(Input = 4)] [Dense(2)] " + declaration, "SPEC016");
        Assert.Equal("Net", SpanText(d));
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void Negative_seed_reports_SPEC017()
    {
        var d = Single("[Model(Input = 4, Seed = -5)] [Dense(2)] public partial class Net;", "SPEC017");
        Assert.Equal("Seed = -5", SpanText(d));
        Assert.Contains("-5 would draw the same weights as 5", d.GetMessage());
    }

    [Fact]
    public void A_syntax_error_inside_an_attribute_adds_no_diagnostics_of_ours()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Usings + "[Model(Input = 4)] [Dense(] public partial class Net;");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("SPEC", StringComparison.Ordinal));
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Records_and_keyword_identifiers_generate_code_that_compiles()
    {
        foreach (string declaration in new[] { "public partial record Net;", "public partial class @class;", "namespace @event { [Model(Input = 4)] [Dense(2)] public partial class @int; }" })
        {
            string source = declaration.StartsWith("namespace", StringComparison.Ordinal) ? declaration : "[Model(Input = 4)] [Dense(2)] " + declaration;
            var (result, output) = GeneratorHarness.Run(GeneratorHarness.Usings + source);
            Assert.Empty(result.Diagnostics);
            Assert.Equal(2, result.GeneratedSources.Length);
            var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, declaration + ": " + string.Join("\n", errors.Take(5)));
        }
    }

    [Fact]
    public void Layers_without_model_on_a_record_report_SPEC003_once()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Usings + "[Dense(3)] [BatchNorm] [Dense(2)] public partial record Net;");
        Assert.Single(result.Diagnostics, d => d.Id == "SPEC003");
    }

    [Theory]
    [InlineData("[Model(Input = 64, Channels = 1, Height = 8, Width = 8)]", "Input = 64", "gives Input, Channels, Height, Width together")]
    [InlineData("[Model(Channels = 1, Height = 8)]", "Channels = 1", "gives Channels and Height but not Width")]
    public void Mixed_or_partial_input_shapes_report_SPEC018(string model, string span, string message)
    {
        var d = Single(model + " [Conv2D(4, 3)] [Dense(2)] public partial class Net;", "SPEC018");
        Assert.Equal(span, SpanText(d));
        Assert.Contains(message, d.GetMessage());
    }

    [Fact]
    public void A_kernel_larger_than_its_padded_input_reports_SPEC019_on_the_kernel()
    {
        var d = Single("[Model(Channels = 1, Height = 8, Width = 8)] [Conv2D(4, 3)] [MaxPool(2)] [Conv2D(8, 5)] [Dense(2)] public partial class Net;", "SPEC019");
        Assert.Equal("5", SpanText(d));
        Assert.Contains("Conv2D layer 2 has a 5×5 window but its padded input is 3×3 (input [4, 3, 3], padding 0)", d.GetMessage());
    }

    [Fact]
    public void A_pool_larger_than_its_input_reports_SPEC019()
    {
        var d = Single("[Model(Channels = 2, Height = 4, Width = 6)] [MaxPool(5)] [Dense(2)] public partial class Net;", "SPEC019");
        Assert.Contains("MaxPool layer 0 has a 5×5 window but its padded input is 4×6", d.GetMessage());
    }

    [Theory]
    [InlineData("[Conv2D(4, 3, Stride = 0)]", "Stride = 0", "Stride is 0; it must be at least 1")]
    [InlineData("[Conv2D(4, 3, Padding = -1)]", "Padding = -1", "Padding is -1; it must be 0 or more")]
    [InlineData("[MaxPool(2, Stride = -2)]", "Stride = -2", "Stride is -2")]
    [InlineData("[MaxPool(2, Padding = 2)]", "Padding = 2", "at most half the kernel (1)")]
    public void Strides_and_paddings_out_of_range_report_SPEC014(string layer, string span, string message)
    {
        var d = Single($"[Model(Channels = 1, Height = 8, Width = 8)] {layer} [Dense(2)] public partial class Net;", "SPEC014");
        Assert.Equal(span, SpanText(d));
        Assert.Contains(message, d.GetMessage());
    }

    [Theory]
    [InlineData("[Model(Input = 64)] [Conv2D(4, 3)] [Dense(2)]", "the model's input is a vector")]
    [InlineData("[Model(Channels = 1, Height = 8, Width = 8)] [Dense(16)] [MaxPool(2)] [Dense(2)]", "layer 0 (Dense) flattened the image before it")]
    public void An_image_layer_on_a_vector_reports_SPEC031(string layers, string cause)
    {
        var d = Single(layers + " public partial class Net;", "SPEC031");
        Assert.Contains(cause, d.GetMessage());
    }

    [Fact]
    public void A_residual_body_no_projection_can_match_reports_SPEC032()
    {
        // The body's convolution drops a row and a column (no padding) at stride 1: a 1×1 projection cannot do that.
        var d = Single("[Model(Channels = 2, Height = 6, Width = 6)] [Residual(Layers = 1)] [Conv2D(4, 2)] [GlobalAvgPool] [Dense(2)] public partial class Net;", "SPEC032");
        Assert.Equal("Layers = 1", SpanText(d));
        Assert.Contains("turns its input [2, 6, 6] into [4, 5, 5], but a 1×1 projection with the body's stride 1 gives [4, 6, 6]", d.GetMessage());
    }

    [Theory]
    [InlineData("[Model(Input = 8)] [Lstm(4)] [Dense(2)]", "Lstm layer 0 needs a sequence [T, F] but gets a vector [8]")]
    [InlineData("[Model(Sequence = 5, Features = 3)] [Lstm(4, ReturnSequences = true)] [Dense(2)]", "Dense layer 1 gets every time step [5, 4]: a Dense layer reads one vector per sample: set ReturnSequences = false")]
    [InlineData("[Model(Sequence = 5, Features = 3)] [Gru(4)] [Rnn(3)] [Dense(2)]", "Rnn layer 1 needs a sequence [T, F] but gets a vector [4]")]
    [InlineData("[Model(Sequence = 5, Features = 3)] [BatchNorm] [Lstm(3)] [Dense(2)]", "BatchNorm layer 0 gets a sequence [5, 3]")]
    public void Layers_that_do_not_fit_the_time_axis_report_SPEC033(string layers, string message)
    {
        var d = Single(layers + " public partial class Net;", "SPEC033");
        Assert.Contains(message, d.GetMessage());
    }

    [Fact]
    public void Sequence_shape_mixed_with_input_reports_SPEC018()
    {
        var d = Single("[Model(Input = 4, Sequence = 5, Features = 3)] [Lstm(4)] [Dense(2)] public partial class Net;", "SPEC018");
        Assert.Contains("gives Input, Sequence, Features together", d.GetMessage());
    }

    [Fact]
    public void An_rnn_nonlinearity_other_than_tanh_or_relu_reports_SPEC014()
    {
        var d = Single("[Model(Sequence = 5, Features = 3)] [Rnn(4, Activation.Sigmoid)] [Dense(2)] public partial class Net;", "SPEC014");
        Assert.Equal("Activation.Sigmoid", SpanText(d));
    }

    [Theory]
    [InlineData("[Lstm(0)]", "Lstm(0)", "hidden is 0")]
    [InlineData("[Gru(-3)]", "Gru(-3)", "hidden is -3")]
    [InlineData("[Rnn(0, Activation.Relu)]", "Rnn(0, Activation.Relu)", "hidden is 0")]
    public void A_recurrent_layer_without_hidden_units_reports_SPEC005(string layer, string attribute, string message)
    {
        var d = Single($"[Model(Sequence = 5, Features = 3)] {layer} [Dense(2)] public partial class Net;", "SPEC005");
        Assert.Contains(message, d.GetMessage());
        Assert.Equal(attribute.Substring(attribute.IndexOf('(') + 1).Split(',', ')')[0].Trim(), SpanText(d));
    }

    [Theory]
    [InlineData("[Model(Sequence = 5)]", "gives Sequence but not Features")]
    [InlineData("[Model(Features = 3)]", "gives Features but not Sequence")]
    [InlineData("[Model(Channels = 1, Sequence = 5, Features = 3)]", "gives Channels, Sequence, Features together")]
    public void Sequence_and_Features_missing_one_or_mixed_with_an_image_report_SPEC018(string model, string message)
    {
        var d = Single(model + " [Lstm(4)] [Dense(2)] public partial class Net;", "SPEC018");
        Assert.Contains(message, d.GetMessage());
    }

    [Theory]
    [InlineData("[Model(Input = 8, Streaming = true)] [Dense(2)]", "its input is not a sequence")]
    [InlineData("[Model(Sequence = 5, Features = 3, Streaming = true)] [Dropout(0.5)] [Lstm(4, ReturnSequences = true)] [Residual(Layers = 1)] [Lstm(4, ReturnSequences = true)] [Lstm(2)] [Dense(2)]", "layer 2 (Residual) has no per-step form")]
    [InlineData("[Model(Sequence = 5, Features = 3, Streaming = true)] [Lstm(4)] [BatchNorm] [Dense(2)]", "layer 1 (BatchNorm) has no per-step form")]
    public void Streaming_asked_of_a_model_that_cannot_stream_reports_SPEC034_on_the_argument(string declaration, string reason)
    {
        var d = Single(declaration + " public partial class Net;", "SPEC034");
        Assert.Equal("Streaming = true", SpanText(d));
        Assert.Contains("Streaming = true, but Net cannot run one time step at a time: " + reason, d.GetMessage());
    }
}
