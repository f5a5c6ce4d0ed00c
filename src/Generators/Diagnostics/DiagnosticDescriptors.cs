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
        "Invalid or duplicate tensor name",
        "Layer {0}'s tensor name prefix '{1}' {2}; give each layer a distinct Name made of letters, digits, '_', '.' and '-' (a PyTorch module path such as \"classifier.2\")");

    public static readonly DiagnosticDescriptor ModelTooLarge = Error("SPEC012",
        "Model too large",
        "Model '{0}' has {1} parameters; a model may have at most 2,147,483,647 (int.MaxValue) minus padding. Use smaller layers");

    public static readonly DiagnosticDescriptor BlockPastEnd = Error("SPEC013",
        "Block runs past the end of the layers",
        "{0} takes the next {1} layers as its body, but only {2} follow; lower Layers or declare the missing layers after it");

    public static readonly DiagnosticDescriptor OptionOutOfRange = Error("SPEC014",
        "Option out of range",
        "{0} is {1}; it must be {2}");

    public static readonly DiagnosticDescriptor UnknownLayer = Error("SPEC015",
        "Unknown layer attribute",
        "'{0}' is a LayerAttribute the generator does not know, so the model cannot be generated; use the library's layers (Dense, BatchNorm, Dropout, Residual) or remove it");

    public static readonly DiagnosticDescriptor UnsupportedTypeShape = Error("SPEC016",
        "Model type cannot be extended by generated code",
        "Model type '{0}' {1}; declare it as a partial class (or partial record class) at namespace level, not static and not file-local");

    public static readonly DiagnosticDescriptor NegativeSeed = Error("SPEC017",
        "Seed must not be negative",
        "Model Seed is {0}; use 0 to 2147483647 (System.Random folds a negative seed onto its absolute value, so -5 would draw the same weights as 5)");

    public static readonly DiagnosticDescriptor InputShape = Error("SPEC018",
        "Input shape given twice or in part",
        "Model {0}; give one input shape: Input = features (a vector), all of Channels, Height and Width (an image), or Sequence and Features (a sequence)");

    public static readonly DiagnosticDescriptor KernelLargerThanInput = Error("SPEC019",
        "Window larger than its input",
        "{0} has a {1}×{1} window but its padded input is {2}×{3} (input {4}, padding {5}); use a smaller kernel, more padding, or fewer pooling layers before it");

    public static readonly DiagnosticDescriptor ImageLayerOnVector = Error("SPEC031",
        "Image layer on a vector",
        "{0} needs an image [C, H, W], but its input is {1}: {2}");

    public static readonly DiagnosticDescriptor UnmatchedShortcut = Error("SPEC032",
        "Residual body cannot be matched by a projection",
        "Residual block {0}'s body turns its input {2} into {1}, but a 1×1 projection with the body's stride {3} gives {4}; change the body's padding or strides so both sides agree");

    public static readonly DiagnosticDescriptor SequenceMismatch = Error("SPEC033",
        "Layer and time axis do not fit",
        "{0} {1}: {2}");

    public static readonly DiagnosticDescriptor CannotStream = Error("SPEC034",
        "Model cannot stream",
        "Streaming = true, but {0} cannot run one time step at a time: {1}; {2}");

    public static readonly DiagnosticDescriptor SvmFeatures = Error("SPEC020",
        "KernelSvm Features must be positive",
        "KernelSvm Features is {0}; set Features to the number of values in one sample (1 to 16,777,216)");

    public static readonly DiagnosticDescriptor SvmCost = Error("SPEC021",
        "KernelSvm C must be positive",
        "KernelSvm C is {0}; the cost of a margin violation must be a finite number greater than 0 (LIBSVM's -c, e.g. C = 1 or C = 10)");

    public static readonly DiagnosticDescriptor SvmGammaNegative = Error("SPEC022",
        "KernelSvm Gamma must not be negative",
        "KernelSvm Gamma is {0}; the kernel scale must be a finite number 0 or more (e.g. Gamma = {1}, scikit-learn's 'auto' = 1 / Features)");

    public static readonly DiagnosticDescriptor SvmDegree = Error("SPEC023",
        "KernelSvm Degree out of range",
        "KernelSvm Degree is {0}; the polynomial degree must be between 1 and 64 (LIBSVM's default is Degree = 3)");

    public static readonly DiagnosticDescriptor SvmUnusedOption = Error("SPEC024",
        "Kernel option the kernel does not use",
        "SvmKernel.{0} does not use {1}; remove '{2}' or choose a kernel that uses it ({1} is used by {3})");

    public static readonly DiagnosticDescriptor SvmGammaMissing = Error("SPEC025",
        "KernelSvm Gamma not given",
        "SvmKernel.{0} needs Gamma, which is 0 (not given), so every kernel value would be the same; give Gamma, e.g. Gamma = {1} (1 / Features, scikit-learn's 'auto')");

    public static readonly DiagnosticDescriptor SvmTolerance = Error("SPEC026",
        "KernelSvm Tolerance must be positive",
        "KernelSvm Tolerance is {0}; the stopping tolerance must be a finite number greater than 0 (LIBSVM's -e, default Tolerance = 0.001)");

    public static readonly DiagnosticDescriptor SvmCache = Error("SPEC027",
        "KernelSvm CacheMegabytes must be positive",
        "KernelSvm CacheMegabytes is {0}; the kernel-row cache size must be a finite number greater than 0 (LIBSVM's -m, default CacheMegabytes = 200)");

    public static readonly DiagnosticDescriptor ModelAndSvm = Error("SPEC028",
        "[Model] and [KernelSvm] on one class",
        "Class '{0}' has both [Model] and [KernelSvm]; a class is either a neural network or a kernel SVM, so remove one of them or declare two classes");

    public static readonly DiagnosticDescriptor SvmCoef0 = Error("SPEC029",
        "KernelSvm Coef0 must be finite",
        "KernelSvm Coef0 is {0}; the additive kernel constant must be a finite number (LIBSVM's -r, default Coef0 = 0)");

    public static readonly DiagnosticDescriptor SvmClassShape = Error("SPEC030",
        "KernelSvm class cannot take the generated base class",
        "KernelSvm class '{0}' {1}; the generator makes it derive from KernelSvm<{0}.Kernel>, so declare it as a plain, non-static partial class without a base class");

    public static readonly DiagnosticDescriptor BranchShapesDiffer = Error("SPEC037",
        "Branches end in different sizes",
        "Branches block {0}: branch {1} ends in {2} but branch 0 ends in {3}; branches are concatenated along channels, so every branch must end in the same height and width (pad its convolutions and pools to keep the size)");

    public static readonly DiagnosticDescriptor ConcatFromNotEarlier = Error("SPEC038",
        "ConcatFrom must name an earlier layer",
        "ConcatFrom layer {0} names layer {1}, but {2}; name the position of an earlier layer of the same list (0 to {3})");

    public static readonly DiagnosticDescriptor ConcatNeedsImages = Error("SPEC039",
        "Concatenation needs images or vectors of one kind",
        "{0} joins {1} with {2}; a concatenation along channels joins images with images (or vectors with vectors), so {3}");

    public static readonly DiagnosticDescriptor ConcatSizesDiffer = Error("SPEC040",
        "ConcatFrom sizes differ",
        "ConcatFrom layer {0} joins the current value {1} with layer {2}'s output {3}; their heights and widths must match (upsample the current value, or concatenate from a layer of that size)");

    public static readonly DiagnosticDescriptor BranchesPastEnd = Error("SPEC041",
        "Branches run past the list of layers",
        "{0} declares {1} layers across its branches but only {2} layer attribute(s) follow it; add the missing layers or lower the counts");

    public static readonly DiagnosticDescriptor TransposedConvArgument = Error("SPEC042",
        "Invalid transposed convolution",
        "{0} {1}; {2}");

    public static readonly DiagnosticDescriptor UpsampleArgument = Error("SPEC043",
        "Invalid upsampling factor",
        "{0} factor is {1}; it must be at least 2 (1 would copy the input)");

    public static readonly DiagnosticDescriptor BranchCounts = Error("SPEC044",
        "Invalid branch counts",
        "{0} {1}; give one count of 0 or more layers per branch, at least two branches, e.g. [Branches(1, 2, 2)]");

    public static readonly DiagnosticDescriptor InternalError = Error("SPEC999",
        "Generator internal error",
        "The Specialized generator failed on '{0}' ({1}); the model was not generated. Please report this with the declaration");
}
