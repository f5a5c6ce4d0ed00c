namespace Specialized.Nodes;

/// <summary>
/// The shape of one 2-D max or average pool as compile-time constants, in PyTorch's terms (square
/// window, square stride, dilation 1, floor mode): <c>OutHeight = (InHeight + 2·Padding − Kernel) / Stride + 1</c>,
/// likewise for the width. PyTorch also requires <c>Padding ≤ Kernel / 2</c>, so every window holds at least one input.
/// </summary>
public interface IPoolLayer
{
    /// <summary>Channels, in and out.</summary>
    static abstract int Channels { get; }

    /// <summary>Rows of each input channel.</summary>
    static abstract int InHeight { get; }

    /// <summary>Columns of each input channel.</summary>
    static abstract int InWidth { get; }

    /// <summary>Side of the square window.</summary>
    static abstract int Kernel { get; }

    /// <summary>Step between windows, both directions.</summary>
    static abstract int Stride { get; }

    /// <summary>Implicit padding on every side (−∞ for max pooling, zeros for average pooling).</summary>
    static abstract int Padding { get; }

    /// <summary>Rows of each output channel (floor mode).</summary>
    static abstract int OutHeight { get; }

    /// <summary>Columns of each output channel (floor mode).</summary>
    static abstract int OutWidth { get; }
}
