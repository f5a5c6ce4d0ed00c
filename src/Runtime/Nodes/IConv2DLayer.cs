using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The shape of one 2-D convolution as compile-time constants, in PyTorch's terms (Conv2d with a
/// square stride and padding, dilation 1, groups 1). The generator emits one struct per layer and
/// computes the output size in floor mode: <c>OutHeight = (InHeight + 2·Padding − KernelHeight) / Stride + 1</c>,
/// likewise for the width; <see cref="Conv2DNode"/> checks the two agree.
/// </summary>
public interface IConv2DLayer : IActivated
{
    /// <summary>Channels in.</summary>
    static abstract int InChannels { get; }

    /// <summary>Rows of each input channel.</summary>
    static abstract int InHeight { get; }

    /// <summary>Columns of each input channel.</summary>
    static abstract int InWidth { get; }

    /// <summary>Channels out (filters).</summary>
    static abstract int OutChannels { get; }

    /// <summary>Rows of the kernel.</summary>
    static abstract int KernelHeight { get; }

    /// <summary>Columns of the kernel.</summary>
    static abstract int KernelWidth { get; }

    /// <summary>Step between windows, both directions.</summary>
    static abstract int Stride { get; }

    /// <summary>Zeros added on every side of each input channel.</summary>
    static abstract int Padding { get; }

    /// <summary>Rows of each output channel (floor mode).</summary>
    static abstract int OutHeight { get; }

    /// <summary>Columns of each output channel (floor mode).</summary>
    static abstract int OutWidth { get; }

    /// <summary>Whether one bias per output channel follows the weights.</summary>
    static abstract bool HasBias { get; }
}
