namespace Specialized;

/// <summary>A one-layer, one-direction recurrent layer over a sequence [T, F], starting from a zero state.</summary>
/// <param name="Name">The node's tensor-name prefix.</param>
/// <param name="Inputs">The sequence it reads.</param>
/// <param name="Output">The last hidden state [H], or every step's [T, H] with <paramref name="ReturnSequences"/>.</param>
/// <param name="Tensors"><c>weight_ih_l0</c> [G·H, F], <c>weight_hh_l0</c> [G·H, H], <c>bias_ih_l0</c>, <c>bias_hh_l0</c> (G gates in PyTorch's order).</param>
/// <param name="Cell">RNN, LSTM or GRU.</param>
/// <param name="Hidden">Hidden size H.</param>
/// <param name="ReturnSequences">Whether it passes on every step rather than the last.</param>
/// <param name="Activation">The RNN's nonlinearity (Tanh or Relu); Tanh for LSTM and GRU.</param>
public sealed record RecurrentNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors,
    RecurrentCell Cell, int Hidden, bool ReturnSequences, Activation Activation)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => Cell switch { RecurrentCell.Lstm => "LSTM", RecurrentCell.Gru => "GRU", _ => "RNN" };
}
