namespace Specialized;

/// <summary>An upsampling of each channel of an image by a whole factor in height and width (PyTorch's <c>Upsample</c>).</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Inputs">The image it reads.</param>
/// <param name="Output">The image it writes, <see cref="Factor"/> times taller and wider.</param>
/// <param name="Tensors">None.</param>
/// <param name="Factor">The scale of height and width.</param>
/// <param name="Mode">How an output pixel is drawn from the input.</param>
public sealed record UpsampleNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, int Factor, UpsampleMode Mode)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "Upsample";
}
