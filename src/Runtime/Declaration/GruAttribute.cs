namespace Specialized;

/// <summary>
/// A gated recurrent unit layer (PyTorch's <c>GRU</c>, one layer): gates reset, update and new in PyTorch's order, the reset gate applied to <c>W_hn·h + b_hn</c>; h0 = 0.
/// It reads a sequence <c>[T, F]</c> and passes on its last hidden state <c>[H]</c>, or every step's
/// <c>[T, H]</c> with <see cref="ReturnSequences"/> so recurrent layers stack. Tensors:
/// <c>weight_ih_l0</c>, <c>weight_hh_l0</c>, <c>bias_ih_l0</c>, <c>bias_hh_l0</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GruAttribute : LayerAttribute
{
    /// <summary>Declares the layer with <paramref name="hidden"/> hidden units.</summary>
    public GruAttribute(int hidden) => Hidden = hidden;

    /// <summary>Hidden units.</summary>
    public int Hidden { get; }

    /// <summary>Pass on every time step <c>[T, H]</c> instead of the last hidden state <c>[H]</c>.</summary>
    public bool ReturnSequences { get; set; }
}
