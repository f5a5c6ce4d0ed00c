namespace Specialized;

/// <summary>A square 2-D convolution (PyTorch's <c>Conv2d</c>) with zero padding on every side.</summary>
/// <param name="Name">The node's tensor-name prefix.</param>
/// <param name="Inputs">The image it reads.</param>
/// <param name="Output">The image it writes.</param>
/// <param name="Tensors"><c>weight</c> [filters, channels, kernel, kernel], then <c>bias</c> when it has one.</param>
/// <param name="Filters">Output channels.</param>
/// <param name="Kernel">Kernel side.</param>
/// <param name="Stride">Step between windows.</param>
/// <param name="Padding">Zeros added on each side.</param>
/// <param name="Activation">The activation fused after the convolution.</param>
/// <param name="Bias">Whether it adds a bias per filter.</param>
public sealed record Conv2DNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors,
    int Filters, int Kernel, int Stride, int Padding, Activation Activation, bool Bias)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "Conv2D";
}
