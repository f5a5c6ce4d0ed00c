namespace Specialized;

/// <summary>Square max or average pooling of each channel, in floor mode (a remainder of the padded input is dropped).</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Inputs">The image it reads.</param>
/// <param name="Output">The image it writes.</param>
/// <param name="Tensors">None.</param>
/// <param name="Mode">Max or average.</param>
/// <param name="Kernel">Window side.</param>
/// <param name="Stride">Step between windows.</param>
/// <param name="Padding">Padding on each side.</param>
public sealed record PoolNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, PoolMode Mode, int Kernel, int Stride, int Padding)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => Mode == PoolMode.Max ? "MaxPool" : "AvgPool";
}
