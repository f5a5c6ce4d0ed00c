namespace Specialized;

/// <summary>
/// One tensor of a generated model, as PyTorch's <c>state_dict()</c> names it, and where it lives:
/// parameters in <see cref="IModel.Parameters"/>, float buffers (BatchNorm's running statistics) in
/// <see cref="IModel.Buffers"/>, 64-bit integer buffers (<c>num_batches_tracked</c>) in
/// <see cref="IModel.IntegerBuffers"/>.
/// </summary>
/// <param name="Name">The state_dict name, e.g. <c>"0.weight"</c> or <c>"1.running_mean"</c>.</param>
/// <param name="Shape">PyTorch's shape, e.g. [128, 64] for a Linear(64, 128) weight; [] for a scalar.</param>
/// <param name="Offset">First element in the span its <paramref name="Kind"/> and <paramref name="DType"/> select.</param>
/// <param name="Length">Number of elements.</param>
/// <param name="IsTransposed">Stored as the transpose of PyTorch's 2-D layout (the generator's choice for fast forward passes).</param>
/// <param name="Kind">Trained by the optimizer, or state kept beside the parameters.</param>
/// <param name="DType">The element type in memory and in weight files.</param>
public sealed record ModelTensor(string Name, int[] Shape, int Offset, int Length, bool IsTransposed,
    TensorKind Kind = TensorKind.Parameter, TensorDType DType = TensorDType.Float32);

/// <summary>Whether a tensor is trained.</summary>
public enum TensorKind
{
    /// <summary>A trainable parameter: has a gradient, is stepped by optimizers.</summary>
    Parameter,
    /// <summary>Non-trainable state saved with the model (running statistics, counters).</summary>
    Buffer,
}

/// <summary>The element type of a model tensor.</summary>
public enum TensorDType
{
    /// <summary>32-bit float (safetensors F32).</summary>
    Float32,
    /// <summary>64-bit signed integer (safetensors I64), e.g. BatchNorm's <c>num_batches_tracked</c>.</summary>
    Int64,
}
