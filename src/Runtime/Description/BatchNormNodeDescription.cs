namespace Specialized;

/// <summary>Batch normalization per feature (vectors) or per channel (images); inference uses the running statistics.</summary>
/// <param name="Name">The node's tensor-name prefix.</param>
/// <param name="Inputs">The value it reads.</param>
/// <param name="Output">The value it writes.</param>
/// <param name="Tensors"><c>weight</c>, <c>bias</c>, <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c>.</param>
/// <param name="Activation">The activation fused after the normalization.</param>
/// <param name="Epsilon">Added to the variance.</param>
/// <param name="Momentum">Weight of a batch's statistics in the running ones (training only).</param>
public sealed record BatchNormNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, Activation Activation, double Epsilon, double Momentum)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "BatchNorm";
}
