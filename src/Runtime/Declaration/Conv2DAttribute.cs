namespace Specialized;

/// <summary>
/// A 2-D convolution over an image <c>[C, H, W]</c> (PyTorch's <c>Conv2d</c>): <c>filters</c>
/// output channels, a square kernel, then an optional activation. Output size per side is
/// <c>(in + 2·Padding − kernel) / Stride + 1</c>, rounded down as PyTorch does. Tensors:
/// <c>weight</c> <c>[filters, C, kernel, kernel]</c> and <c>bias</c> <c>[filters]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : LayerAttribute
{
    /// <summary>Declares a convolution with <paramref name="filters"/> output channels and a <paramref name="kernel"/> × <paramref name="kernel"/> window.</summary>
    public Conv2DAttribute(int filters, int kernel, Activation activation = Activation.Identity)
    {
        Filters = filters;
        Kernel = kernel;
        Activation = activation;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Side of the square kernel.</summary>
    public int Kernel { get; }

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; }

    /// <summary>Step between windows (1 unless set).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on every side (0 unless set).</summary>
    public int Padding { get; set; }

    /// <summary>Whether the layer adds a bias per output channel; true unless set to false.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Overrides the weight initializer chosen from the activation.</summary>
    public Initializer Init { get; set; } = Initializer.Default;
}
