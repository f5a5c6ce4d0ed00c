using Specialized.Generators.Infrastructure;

namespace Specialized.Generators.Parsing;

/// <summary>What a declaration says, checked, as plain values (no symbols, nodes or locations).</summary>
/// <param name="TypeKeyword">"class" or "record": how the partial declaration is spelled.</param>
internal sealed record ModelSpec(
    string? Namespace,
    string ClassName,
    string Accessibility,
    string TypeKeyword,
    EquatableArray<int> InputShape,
    LossKind Loss,
    int Seed,
    EquatableArray<LayerSpec> Layers)
{
    /// <summary>Floats in one input sample (the product of the shape).</summary>
    public int InputSize => Planning.Shapes.Size(InputShape);
}

/// <summary>One layer attribute in declaration order; <see cref="Name"/> is its full tensor-name prefix.</summary>
internal abstract record LayerSpec(string Name);

/// <summary>[Dense(units, activation)].</summary>
internal sealed record DenseSpec(string Name, int Units, ActivationKind Activation, InitializerKind Initializer, bool Bias) : LayerSpec(Name);

/// <summary>[BatchNorm(activation)].</summary>
internal sealed record BatchNormSpec(string Name, ActivationKind Activation, double Momentum, double Epsilon) : LayerSpec(Name);

/// <summary>[Dropout(p)].</summary>
internal sealed record DropoutSpec(string Name, double Probability) : LayerSpec(Name);

/// <summary>[Conv2D(filters, kernel, activation)].</summary>
internal sealed record Conv2DSpec(string Name, int Filters, int Kernel, int Stride, int Padding, ActivationKind Activation, InitializerKind Initializer, bool Bias) : LayerSpec(Name);

/// <summary>[MaxPool(kernel)] or [AvgPool(kernel)]; Stride is resolved (the kernel when unset).</summary>
internal sealed record PoolSpec(string Name, bool IsMax, int Kernel, int Stride, int Padding) : LayerSpec(Name);

/// <summary>[Rnn(hidden)], [Lstm(hidden)] or [Gru(hidden)] over a sequence [T, F].</summary>
internal sealed record RecurrentSpec(string Name, RecurrentKind Kind, int Hidden, bool ReturnSequences, ActivationKind Activation) : LayerSpec(Name);

/// <summary>The recurrent cell: its gate count G is 1, 4 and 3.</summary>
internal enum RecurrentKind { Rnn, Lstm, Gru }

/// <summary>[GlobalAvgPool].</summary>
internal sealed record GlobalAvgPoolSpec(string Name) : LayerSpec(Name);

/// <summary>[Residual(Layers = n)] with the n layers that follow as its body.</summary>
internal sealed record ResidualSpec(string Name, ActivationKind Activation, EquatableArray<LayerSpec> Body) : LayerSpec(Name);

/// <summary>[Branches(n0, n1, …)] with the layers that follow as its branches, concatenated along channels.</summary>
internal sealed record BranchesSpec(string Name, EquatableArray<BranchSpec> Branches) : LayerSpec(Name);

/// <summary>One branch of a [Branches] block: its layers in order (none: the input passes through).</summary>
internal sealed record BranchSpec(EquatableArray<LayerSpec> Layers);

/// <summary>[ConcatFrom(k)]: the current value, then the output of the layer at index <see cref="Source"/> of the same list, along channels.</summary>
internal sealed record ConcatFromSpec(string Name, int Source) : LayerSpec(Name);

/// <summary>[ConvTranspose2D(filters, kernel, activation)].</summary>
internal sealed record ConvTranspose2DSpec(string Name, int Filters, int Kernel, int Stride, int Padding, int OutputPadding,
    ActivationKind Activation, InitializerKind Initializer, bool Bias) : LayerSpec(Name);

/// <summary>[Upsample(factor)]: nearest-neighbour.</summary>
internal sealed record UpsampleSpec(string Name, int Factor) : LayerSpec(Name);

// Mirrors of the runtime enums (the generator cannot reference the runtime assembly); a test checks the values match.
internal enum ActivationKind { Identity, Relu, LeakyRelu, Elu, Sigmoid, Tanh }

internal enum LossKind { SoftmaxCrossEntropy, BinaryCrossEntropy, MeanSquaredError, MeanAbsoluteError, Hinge }

internal enum InitializerKind { Default, GlorotUniform, GlorotNormal, HeUniform, HeNormal }

internal enum TensorNamingKind { Layers, Sequential }

/// <summary>The parser's answer: a spec when the declaration is sound, and every diagnostic found.</summary>
internal sealed record ParseResult(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
