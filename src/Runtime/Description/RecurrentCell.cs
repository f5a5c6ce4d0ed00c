namespace Specialized;

/// <summary>The cell of a recurrent layer.</summary>
public enum RecurrentCell
{
    /// <summary>Elman RNN: h = act(W_ih x + b_ih + W_hh h + b_hh).</summary>
    Rnn,
    /// <summary>LSTM, gates in PyTorch's order i, f, g, o.</summary>
    Lstm,
    /// <summary>GRU, gates in PyTorch's order r, z, n, the reset gate applied to W_hn h + b_hn.</summary>
    Gru,
}
