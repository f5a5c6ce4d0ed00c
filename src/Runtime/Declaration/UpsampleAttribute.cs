namespace Specialized;

/// <summary>
/// Nearest-neighbour upsampling of an image <c>[C, H, W]</c> to <c>[C, H·factor, W·factor]</c> (PyTorch's
/// <c>nn.Upsample(scale_factor = factor)</c>, mode "nearest"): every value is repeated factor × factor
/// times. No tensors; it takes a layer position.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UpsampleAttribute : LayerAttribute
{
    /// <summary>Declares an upsampling by the integer <paramref name="factor"/> (at least 2).</summary>
    public UpsampleAttribute(int factor) => Factor = factor;

    /// <summary>The scale of both sides.</summary>
    public int Factor { get; }
}
