namespace Specialized;

/// <summary>
/// A plain recurrent layer (PyTorch's <c>RNN</c>, one layer): <c>h = act(W_ih·x + b_ih + W_hh·h + b_hh)</c> with tanh, or ReLU when asked; h0 = 0.
/// It reads a sequence <c>[T, F]</c> and passes on its last hidden state <c>[H]</c>, or every step's
/// <c>[T, H]</c> with <see cref="ReturnSequences"/> so recurrent layers stack. Tensors:
/// <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RnnAttribute : LayerAttribute
{
    /// <summary>Declares the layer with <paramref name="hidden"/> hidden units.</summary>
    public RnnAttribute(int hidden, Activation activation = Activation.Tanh)
    {
        Hidden = hidden;
        Activation = activation;
    }

    /// <summary>Hidden units.</summary>
    public int Hidden { get; }

    /// <summary>The nonlinearity: <see cref="Activation.Tanh"/> (PyTorch's default) or <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; }

    /// <summary>Pass on every time step <c>[T, H]</c> instead of the last hidden state <c>[H]</c>.</summary>
    public bool ReturnSequences { get; set; }
}
