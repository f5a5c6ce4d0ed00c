namespace Specialized;

/// <summary>The mean of each channel of an image: [C, H, W] → [C].</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Inputs">The image it reads.</param>
/// <param name="Output">The vector it writes.</param>
/// <param name="Tensors">None.</param>
public sealed record GlobalAvgPoolNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "GlobalAvgPool";
}
