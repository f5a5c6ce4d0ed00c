namespace Specialized;

/// <summary>
/// A residual block: the next <see cref="Layers"/> layer attributes form its body, and its output is
/// <c>activation(body(x) + shortcut(x))</c>. The shortcut is the identity when the body keeps the
/// shape, else a projection without bias named <c>{i}.shortcut.0</c> (a Dense layer on vectors). The
/// block takes one position <c>i</c> in the list of layers; its body layers are named
/// <c>{i}.body.0</c>, <c>{i}.body.1</c>, …. Blocks nest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ResidualAttribute : LayerAttribute
{
    /// <summary>How many of the following layer attributes form the body (at least 1).</summary>
    public int Layers { get; set; }

    /// <summary>The activation applied after the sum.</summary>
    public Activation Activation { get; set; } = Activation.Identity;
}
