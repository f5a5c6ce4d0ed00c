using Specialized.Generators.Infrastructure;

namespace Specialized.Generators.Parsing;

/// <summary>What a declaration says, checked, as plain values (no symbols, nodes or locations).</summary>
/// <param name="TypeKeyword">"class" or "record": how the partial declaration is spelled.</param>
internal sealed record ModelSpec(
    string? Namespace,
    string ClassName,
    string Accessibility,
    string TypeKeyword,
    int InputSize,
    LossKind Loss,
    int Seed,
    EquatableArray<LayerSpec> Layers);

/// <summary>One layer attribute in declaration order; <see cref="Name"/> is its full tensor-name prefix.</summary>
internal abstract record LayerSpec(string Name);

/// <summary>[Dense(units, activation)].</summary>
internal sealed record DenseSpec(string Name, int Units, ActivationKind Activation, InitializerKind Initializer, bool Bias) : LayerSpec(Name);

/// <summary>[BatchNorm(activation)].</summary>
internal sealed record BatchNormSpec(string Name, ActivationKind Activation, double Momentum, double Epsilon) : LayerSpec(Name);

/// <summary>[Dropout(p)].</summary>
internal sealed record DropoutSpec(string Name, double Probability) : LayerSpec(Name);

/// <summary>[Residual(Layers = n)] with the n layers that follow as its body.</summary>
internal sealed record ResidualSpec(string Name, ActivationKind Activation, EquatableArray<LayerSpec> Body) : LayerSpec(Name);

// Mirrors of the runtime enums (the generator cannot reference the runtime assembly); a test checks the values match.
internal enum ActivationKind { Identity, Relu, LeakyRelu, Elu, Sigmoid, Tanh }

internal enum LossKind { SoftmaxCrossEntropy, BinaryCrossEntropy, MeanSquaredError, MeanAbsoluteError, Hinge }

internal enum InitializerKind { Default, GlorotUniform, GlorotNormal, HeUniform, HeNormal }

internal enum TensorNamingKind { Layers, Sequential }

/// <summary>The parser's answer: a spec when the declaration is sound, and every diagnostic found.</summary>
internal sealed record ParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
