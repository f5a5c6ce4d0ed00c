namespace Specialized;

/// <summary>
/// A concatenation of its inputs, in order, along the first axis of a sample: the channels of images
/// <c>[C, H, W]</c> (all with the same height and width), the features of vectors <c>[F]</c>. It joins an
/// Inception block's branches (<c>[Branches]</c>) or a skip connection (<c>[ConcatFrom]</c>).
/// </summary>
/// <param name="Name">The node's name.</param>
/// <param name="Inputs">The parts, in the order they are stacked.</param>
/// <param name="Output">The joined value.</param>
/// <param name="Tensors">None.</param>
/// <param name="Axis">The sample axis joined, the batch left out: always 0 (channels or features).</param>
public sealed record ConcatNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, int Axis)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "Concat";
}
