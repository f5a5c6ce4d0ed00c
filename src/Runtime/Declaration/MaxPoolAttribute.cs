namespace Specialized;

/// <summary>
/// Pooling over an image: the largest value of each window (PyTorch's <c>MaxPool2d</c>; padding counts as −∞). Output size per side is
/// <c>(in + 2·Padding − kernel) / Stride + 1</c>, rounded down. No tensors; it still takes a layer position.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPoolAttribute : LayerAttribute
{
    /// <summary>Declares a <paramref name="kernel"/> × <paramref name="kernel"/> window; the stride defaults to the kernel.</summary>
    public MaxPoolAttribute(int kernel) => Kernel = kernel;

    /// <summary>Side of the square window.</summary>
    public int Kernel { get; }

    /// <summary>Step between windows; 0 (unset) means the kernel size, as in PyTorch.</summary>
    public int Stride { get; set; }

    /// <summary>Padding on every side, at most half the kernel (0 unless set).</summary>
    public int Padding { get; set; }
}
