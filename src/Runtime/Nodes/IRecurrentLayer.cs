using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The shape of one recurrent layer (<see cref="RnnNode"/>, <see cref="LstmNode"/>, <see cref="GruNode"/>)
/// as compile-time constants. Inputs are <c>[Sequence, Features]</c> per sample (batch first, as
/// PyTorch's <c>batch_first=True</c>); the layer passes on its last hidden state <c>[Hidden]</c>, or
/// every step's <c>[Sequence, Hidden]</c> when <see cref="ReturnSequences"/> is set.
/// <see cref="IActivated.Activation"/> is the plain RNN's nonlinearity (<see cref="Activation.Tanh"/>
/// or <see cref="Activation.Relu"/>); LSTM and GRU ignore it (the generator emits <see cref="Activation.Identity"/>).
/// </summary>
public interface IRecurrentLayer : IActivated
{
    /// <summary>Time steps per sample (T).</summary>
    static abstract int Sequence { get; }

    /// <summary>Features per time step (F).</summary>
    static abstract int Features { get; }

    /// <summary>Hidden units (H).</summary>
    static abstract int Hidden { get; }

    /// <summary>Whether every step's hidden state is passed on (<c>[T, H]</c>) rather than the last one (<c>[H]</c>).</summary>
    static abstract bool ReturnSequences { get; }
}
