namespace Specialized;

/// <summary>
/// A skip concatenation (as in U-Net and FCN decoders): concatenates, along channels (features for
/// vectors), the current value first and then the output of the layer at position <c>layer</c> of the
/// same list of layers (the index of its attribute in that list, counting from 0). That layer must come
/// earlier and have the same height and width. No tensors; it takes a layer position.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatFromAttribute : LayerAttribute
{
    /// <summary>Concatenates the output of the earlier layer at position <paramref name="layer"/>.</summary>
    public ConcatFromAttribute(int layer) => Layer = layer;

    /// <summary>The position of the earlier layer in the same list.</summary>
    public int Layer { get; }
}
