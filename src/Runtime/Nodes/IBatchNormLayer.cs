using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The shape of one batch-normalization layer as compile-time constants (PyTorch's BatchNorm1d on
/// vectors, BatchNorm2d on images, followed by the fused activation). The generator emits one struct
/// per layer; <see cref="BatchNormNode"/> is specialized for it by the JIT.
/// </summary>
public interface IBatchNormLayer : IActivated
{
    /// <summary>Channels C: one weight, bias, running mean and running variance each.</summary>
    static abstract int Channels { get; }

    /// <summary>Positions per channel and sample: H·W for images, 1 for vectors.</summary>
    static abstract int Spatial { get; }

    /// <summary>Added to the variance before the square root (PyTorch's <c>eps</c>, 1e-5 by default).</summary>
    static abstract float Epsilon { get; }

    /// <summary>Weight of the batch statistic in the running statistics (PyTorch's <c>momentum</c>, 0.1 by default).</summary>
    static abstract float Momentum { get; }
}
