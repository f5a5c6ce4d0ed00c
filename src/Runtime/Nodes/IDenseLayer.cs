using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The shape of one dense layer as compile-time constants. The generator emits one struct per layer
/// (e.g. <c>Layer0</c>); <see cref="DenseNode"/> is specialized for it by the JIT.
/// </summary>
public interface IDenseLayer : IActivated
{
    /// <summary>Features in (the depth of the product).</summary>
    static abstract int Inputs { get; }

    /// <summary>Features out.</summary>
    static abstract int Units { get; }

    /// <summary>Whether a bias vector follows the weights.</summary>
    static abstract bool HasBias { get; }
}
