using Microsoft.CodeAnalysis;

namespace Specialized.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Messages say what to change; the table in
/// docs/diagnostics.md lists them all. Contradictions are errors: the model is not generated.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Specialized";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: $"https://github.com/specialized-ml/specialized/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}");

    public static readonly DiagnosticDescriptor NotPartial = Error("SPEC001",
        "Model class must be partial",
        "Model class '{0}' must be declared partial so the generator can add its forward and backward code: write 'partial class {0}'");

    public static readonly DiagnosticDescriptor DuplicateModel = Error("SPEC002",
        "[Model] given twice",
        "Class '{0}' has more than one [Model] attribute; keep exactly one");

    public static readonly DiagnosticDescriptor MissingModel = Error("SPEC003",
        "Layers without [Model]",
        "Class '{0}' declares layers but no [Model] attribute; add [Model(Input = ..., Loss = ...)] before the layers");

    public static readonly DiagnosticDescriptor NoLayers = Error("SPEC004",
        "Model has no layers",
        "Model '{0}' declares no layers; add at least one layer such as [Dense(10)]");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error("SPEC005",
        "Size must be positive",
        "{0} is {1}; it must be at least 1");

    public static readonly DiagnosticDescriptor LossAfterActivation = Error("SPEC006",
        "Loss expects logits",
        "{0} applies its own {1} to the outputs, so the last layer must have no activation; remove Activation.{2} from the last layer");

    public static readonly DiagnosticDescriptor SoftmaxNeedsTwoOutputs = Error("SPEC007",
        "Softmax cross-entropy needs two or more outputs",
        "SoftmaxCrossEntropy over {0} output is constant; give the last layer one unit per class (2 or more), or use Loss.BinaryCrossEntropy for a single logit");

    public static readonly DiagnosticDescriptor NestedModel = Error("SPEC008",
        "Nested model classes are not supported",
        "Model class '{0}' is nested inside '{1}'; declare it at namespace level");

    public static readonly DiagnosticDescriptor GenericModel = Error("SPEC009",
        "Generic model classes are not supported",
        "Model class '{0}' is generic; shapes must be fixed at compile time, so remove the type parameters");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error("SPEC010",
        "Unknown option value",
        "{0} is {1}, which is not a defined {2} value; use one of: {3}");

    public static readonly DiagnosticDescriptor DuplicateTensorName = Error("SPEC011",
        "Duplicate or empty tensor name",
        "Layer {0}'s tensor name prefix '{1}' {2}; give each layer a distinct, non-empty Name");

    public static readonly DiagnosticDescriptor ModelTooLarge = Error("SPEC012",
        "Model too large",
        "Model '{0}' has {1} parameters; a model may have at most 2,147,483,647 (int.MaxValue) minus padding. Use smaller layers");

    public static readonly DiagnosticDescriptor InternalError = Error("SPEC999",
        "Generator internal error",
        "The Specialized generator failed on '{0}' ({1}); the model was not generated. Please report this with the declaration");
}
