namespace Specialized.Nodes;

/// <summary>
/// The shape of one dropout layer as compile-time constants. The generator emits one struct per
/// layer; <see cref="DropoutNode"/> is specialized for it by the JIT.
/// </summary>
public interface IDropoutLayer
{
    /// <summary>Floats per row (for images C·H·W: elements are dropped one by one, as PyTorch's <c>Dropout</c>).</summary>
    static abstract int Features { get; }

    /// <summary>The probability p ∈ [0, 1) that an element is zeroed in training.</summary>
    static abstract float Probability { get; }

    /// <summary>The random stream of this node (its index in the model), so two dropout nodes draw different masks.</summary>
    static abstract int Stream { get; }
}
