namespace Specialized;

/// <summary>
/// The mean of each channel over the whole image: <c>[C, H, W]</c> → <c>[C]</c> (PyTorch's
/// <c>AdaptiveAvgPool2d(1)</c> followed by a flatten). No tensors; it still takes a layer position.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : LayerAttribute;
