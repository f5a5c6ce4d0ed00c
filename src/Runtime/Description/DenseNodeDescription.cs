namespace Specialized;

/// <summary>A fully connected layer, y = act(x·Wᵀ + b) (PyTorch's <c>Linear</c>); an image or sequence input is flattened first.</summary>
/// <param name="Name">The node's tensor-name prefix.</param>
/// <param name="Inputs">The value it reads.</param>
/// <param name="Output">The value it writes.</param>
/// <param name="Tensors"><c>weight</c> [units, inputs], then <c>bias</c> when it has one.</param>
/// <param name="Units">Output features.</param>
/// <param name="Activation">The activation fused after the product.</param>
/// <param name="Bias">Whether it adds a bias.</param>
public sealed record DenseNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, int Units, Activation Activation, bool Bias)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "Dense";
}
