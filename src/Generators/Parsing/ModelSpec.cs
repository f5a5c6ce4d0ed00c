using Specialized.Generators.Infrastructure;

namespace Specialized.Generators.Parsing;

/// <summary>What a declaration says, checked, as plain values (no symbols, nodes or locations).</summary>
internal sealed record ModelSpec(
    string? Namespace,
    string ClassName,
    string Accessibility,
    int InputSize,
    LossKind Loss,
    int Seed,
    EquatableArray<LayerSpec> Layers);

/// <summary>One layer attribute in declaration order.</summary>
internal sealed record LayerSpec(LayerKind Kind, int Index, int Units, ActivationKind Activation, string TensorPrefix, InitializerKind Initializer);

/// <summary>Layer attributes the generator understands.</summary>
internal enum LayerKind { Dense }

// Mirrors of the runtime enums (the generator cannot reference the runtime assembly); values must match.
internal enum ActivationKind { Identity, Relu, LeakyRelu, Elu, Sigmoid, Tanh }

internal enum LossKind { SoftmaxCrossEntropy, BinaryCrossEntropy, MeanSquaredError, MeanAbsoluteError, Hinge }

internal enum InitializerKind { Default, GlorotUniform, GlorotNormal, HeUniform, HeNormal }

/// <summary>The parser's answer: a spec when the declaration is sound, and every diagnostic found.</summary>
internal sealed record ParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
