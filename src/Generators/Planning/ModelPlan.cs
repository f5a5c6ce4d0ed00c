using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>
/// Everything the emitters need, decided once: shapes, parameter offsets, scratch sizes.
/// Parameters are laid out layer by layer as the transposed weight <c>Wᵀ [inputs, units]</c>
/// followed by the bias: a batch-1 forward pass then streams one weight row per input and
/// broadcasts that input, so no horizontal sums are needed.
/// </summary>
internal sealed record ModelPlan(
    string? Namespace,
    string ClassName,
    string Accessibility,
    int InputSize,
    int OutputSize,
    int ParameterCount,
    LossKind Loss,
    int Seed,
    int MaxWidth,
    int TileRows,
    EquatableArray<DenseLayerPlan> Layers)
{
    /// <summary>
    /// Floats of slack after every buffer, so a SIMD load at a compile-time tail may read past the
    /// last element (the extra lanes are computed and never stored).
    /// </summary>
    public const int Slack = 16;

    public string HintName => (Namespace is null ? "" : Namespace + ".") + ClassName + ".g.cs";

    public string FullName => Namespace is null ? ClassName : Namespace + "." + ClassName;
}

/// <summary>A dense layer with its place in the parameter buffer.</summary>
internal sealed record DenseLayerPlan(
    int Index,
    string TensorPrefix,
    int Inputs,
    int Units,
    ActivationKind Activation,
    InitializerKind Initializer,
    int WeightOffset,
    int BiasOffset)
{
    public int ParameterCount => Inputs * Units + Units;

    /// <summary>Floating-point operations of one sample's forward pass (a multiply-add counts two).</summary>
    public long ForwardFlops => 2L * Inputs * Units;
}
