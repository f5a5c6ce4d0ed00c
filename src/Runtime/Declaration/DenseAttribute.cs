namespace Specialized;

/// <summary>
/// A fully connected layer <c>y = activation(W·x + b)</c> with <c>W</c> of shape [units, inputs].
/// Its weights are named <c>"{index}.weight"</c> and <c>"{index}.bias"</c> in weight files, where
/// index is the layer's 0-based position among the layer attributes, unless <see cref="LayerAttribute.Name"/> is set.
/// An image input is flattened channel-major (C, H, W) as PyTorch's <c>nn.Flatten</c> does.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>Declares a dense layer of <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Number of outputs.</summary>
    public int Units { get; }

    /// <summary>The activation fused into the layer.</summary>
    public Activation Activation { get; }

    /// <summary>Overrides the weight initializer chosen from the activation.</summary>
    public Initializer Init { get; set; } = Initializer.Default;

    /// <summary>Whether the layer adds a bias (PyTorch's <c>bias=True</c>); true unless set to false.</summary>
    public bool Bias { get; set; } = true;
}
