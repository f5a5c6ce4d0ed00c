namespace Specialized;

/// <summary>
/// A fully connected layer <c>y = activation(W·x + b)</c> with <c>W</c> of shape [units, inputs].
/// Its weights are named <c>"{index}.weight"</c> and <c>"{index}.bias"</c> in weight files, where
/// index is the layer's 0-based position among the layer attributes, unless <see cref="Name"/> is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
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

    /// <summary>Overrides the tensor-name prefix in weight files (e.g. <c>"classifier.2"</c>).</summary>
    public string? Name { get; set; }

    /// <summary>Overrides the weight initializer chosen from the activation.</summary>
    public Initializer Init { get; set; } = Initializer.Default;
}
