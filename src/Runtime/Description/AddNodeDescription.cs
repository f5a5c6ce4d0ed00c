namespace Specialized;

/// <summary>The join of a residual block: y = act(body + shortcut), reading the body's value first.</summary>
/// <param name="Name">The block's name.</param>
/// <param name="Inputs">The body's output, then the shortcut's.</param>
/// <param name="Output">The value it writes.</param>
/// <param name="Tensors">None.</param>
/// <param name="Activation">The activation after the sum.</param>
public sealed record AddNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, Activation Activation)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "Residual";
}
