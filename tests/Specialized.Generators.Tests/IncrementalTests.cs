using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Both pipelines, through the shared kit: edits elsewhere stay cached, moves do not re-emit, changes do, specs hold no Roslyn objects.</summary>
public class IncrementalTests
{
    public static TheoryData<string, string> Pipelines => new()
    {
        { GeneratedCodeTests.DigitsMlp, ModelGenerator.TrackingNames.Plans },
        { GeneratedCodeTests.TabularResNet, ModelGenerator.TrackingNames.Plans },
        { SvmGeneratedCodeTests.DigitsSvm, ModelGenerator.TrackingNames.SvmSpecs },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void An_unrelated_edit_leaves_the_output_cached(string declaration, string step) => PipelineKit.UnrelatedEditIsCached(declaration, step);

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Moving_the_declaration_does_not_re_emit_source(string declaration, string step) => PipelineKit.MoveDoesNotReEmit(declaration, step);

    [Fact]
    public void Changing_a_layer_re_emits_the_model() =>
        PipelineKit.ChangeReEmits(GeneratedCodeTests.DigitsMlp, GeneratedCodeTests.DigitsMlp.Replace("[Dense(64, Activation.Relu)]", "[Dense(32, Activation.Relu)]"), ModelGenerator.TrackingNames.Plans);

    [Fact]
    public void Changing_a_block_re_emits_the_model() =>
        PipelineKit.ChangeReEmits(GeneratedCodeTests.TabularResNet, GeneratedCodeTests.TabularResNet.Replace("[Dropout(0.2)]", "[Dropout(0.3)]"), ModelGenerator.TrackingNames.Plans);

    [Fact]
    public void Changing_gamma_re_emits_the_kernel() =>
        PipelineKit.ChangeReEmits(SvmGeneratedCodeTests.DigitsSvm, SvmGeneratedCodeTests.DigitsSvm.Replace("Gamma = 0.001", "Gamma = 0.002"), ModelGenerator.TrackingNames.SvmSpecs);

    [Fact]
    public void Model_pipeline_values_hold_no_roslyn_objects() =>
        PipelineKit.HoldsNoRoslynObjects(GeneratedCodeTests.TabularResNet, ModelGenerator.TrackingNames.Parsed, ModelGenerator.TrackingNames.Specs, ModelGenerator.TrackingNames.Plans);

    [Fact]
    public void Svm_pipeline_values_hold_no_roslyn_objects() =>
        PipelineKit.HoldsNoRoslynObjects(SvmGeneratedCodeTests.DigitsSvm, ModelGenerator.TrackingNames.SvmParsed, ModelGenerator.TrackingNames.SvmSpecs);
}
