namespace Specialized;

/// <summary>
/// A transposed 2-D convolution over an image <c>[C, H, W]</c> (PyTorch's <c>ConvTranspose2d</c>), the
/// usual learned upsampling of a decoder: <c>filters</c> output channels, a square kernel, then an
/// optional activation. Output size per side is <c>(in − 1)·Stride − 2·Padding + kernel + OutputPadding</c>.
/// Tensors: <c>weight</c> <c>[C, filters, kernel, kernel]</c> (PyTorch's <c>[in, out, kh, kw]</c>) and
/// <c>bias</c> <c>[filters]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConvTranspose2DAttribute : LayerAttribute
{
    /// <summary>Declares a transposed convolution with <paramref name="filters"/> output channels and a <paramref name="kernel"/> × <paramref name="kernel"/> window.</summary>
    public ConvTranspose2DAttribute(int filters, int kernel, Activation activation = Activation.Identity)
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

    /// <summary>The upsampling step (1 unless set).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Rows and columns cropped from every side of the full output (0 unless set).</summary>
    public int Padding { get; set; }

    /// <summary>Rows and columns added at the bottom and right, less than the stride (0 unless set).</summary>
    public int OutputPadding { get; set; }

    /// <summary>Whether the layer adds a bias per output channel; true unless set to false.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Overrides the weight initializer chosen from the activation.</summary>
    public Initializer Init { get; set; } = Initializer.Default;
}
