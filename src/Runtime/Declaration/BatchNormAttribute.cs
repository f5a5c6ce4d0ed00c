namespace Specialized;

/// <summary>
/// Batch normalization (PyTorch's <c>BatchNorm1d</c> on vectors), then an optional activation:
/// in training (<c>ComputeGradients</c>) it normalizes with the batch's mean and biased variance and
/// updates the running statistics (with the unbiased variance); in inference (<c>Forward</c>) it uses
/// the running statistics. Tensors: <c>weight</c>, <c>bias</c>, and the buffers <c>running_mean</c>,
/// <c>running_var</c>, <c>num_batches_tracked</c> (I64).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>Declares a batch normalization followed by <paramref name="activation"/>.</summary>
    public BatchNormAttribute(Activation activation = Activation.Identity) => Activation = activation;

    /// <summary>The activation applied after normalizing.</summary>
    public Activation Activation { get; }

    /// <summary>Weight of the newest batch in the running statistics (PyTorch's default 0.1); in (0, 1].</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance before the square root (PyTorch's default 1e-5); greater than 0.</summary>
    public double Epsilon { get; set; } = 1e-5;
}
