namespace Specialized;

/// <summary>
/// A long short-term memory layer (PyTorch's <c>LSTM</c>, one layer): gates input, forget, cell and output in PyTorch's order; h0 = c0 = 0.
/// It reads a sequence <c>[T, F]</c> and passes on its last hidden state <c>[H]</c>, or every step's
/// <c>[T, H]</c> with <see cref="ReturnSequences"/> so recurrent layers stack. Tensors:
/// <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LstmAttribute : LayerAttribute
{
    /// <summary>Declares the layer with <paramref name="hidden"/> hidden units.</summary>
    public LstmAttribute(int hidden) => Hidden = hidden;

    /// <summary>Hidden units.</summary>
    public int Hidden { get; }

    /// <summary>Pass on every time step <c>[T, H]</c> instead of the last hidden state <c>[H]</c>.</summary>
    public bool ReturnSequences { get; set; }
}
