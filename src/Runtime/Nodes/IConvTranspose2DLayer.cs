using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The shape of one transposed 2-D convolution as compile-time constants, in PyTorch's terms
/// (ConvTranspose2d with a square kernel, stride and padding, dilation 1, groups 1):
/// <c>OutHeight = (InHeight − 1)·Stride − 2·Padding + Kernel + OutputPadding</c>, likewise the width;
/// <see cref="ConvTranspose2DNode"/> checks the two agree.
/// </summary>
public interface IConvTranspose2DLayer : IActivated
{
    /// <summary>Channels in.</summary>
    static abstract int InChannels { get; }

    /// <summary>Rows of each input channel.</summary>
    static abstract int InHeight { get; }

    /// <summary>Columns of each input channel.</summary>
    static abstract int InWidth { get; }

    /// <summary>Channels out (filters).</summary>
    static abstract int OutChannels { get; }

    /// <summary>Side of the square kernel.</summary>
    static abstract int Kernel { get; }

    /// <summary>Step between the kernel's placements on the output, both directions.</summary>
    static abstract int Stride { get; }

    /// <summary>Rows and columns cropped from every side of the full output.</summary>
    static abstract int Padding { get; }

    /// <summary>Rows and columns added at the bottom and right (less than the stride).</summary>
    static abstract int OutputPadding { get; }

    /// <summary>Rows of each output channel.</summary>
    static abstract int OutHeight { get; }

    /// <summary>Columns of each output channel.</summary>
    static abstract int OutWidth { get; }

    /// <summary>Whether one bias per output channel follows the weights.</summary>
    static abstract bool HasBias { get; }
}
