namespace Specialized;

/// <summary>
/// A square transposed 2-D convolution (PyTorch's <c>ConvTranspose2d</c>): output side
/// (in − 1)·stride − 2·padding + kernel + output padding.
/// </summary>
/// <param name="Name">The node's tensor-name prefix.</param>
/// <param name="Inputs">The image it reads.</param>
/// <param name="Output">The image it writes.</param>
/// <param name="Tensors"><c>weight</c> [channels, filters, kernel, kernel] (input channels first), then <c>bias</c> when it has one.</param>
/// <param name="Filters">Output channels.</param>
/// <param name="Kernel">Kernel side.</param>
/// <param name="Stride">Step between the input's positions in the output.</param>
/// <param name="Padding">Rows and columns cropped from each side of the full output.</param>
/// <param name="OutputPadding">Extra rows and columns kept at the bottom and right.</param>
/// <param name="Activation">The activation fused after the convolution.</param>
/// <param name="Bias">Whether it adds a bias per filter.</param>
public sealed record ConvTranspose2DNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors,
    int Filters, int Kernel, int Stride, int Padding, int OutputPadding, Activation Activation, bool Bias)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "ConvTranspose2D";
}
