namespace Specialized;

/// <summary>
/// Where one PyTorch tensor of a generated model lives inside its flat parameter buffer.
/// </summary>
/// <param name="Name">The state_dict name, e.g. <c>"0.weight"</c>.</param>
/// <param name="Shape">PyTorch's shape, e.g. [128, 64] for a Linear(64, 128) weight.</param>
/// <param name="Offset">First element in <see cref="IModel.Parameters"/>.</param>
/// <param name="Length">Number of elements.</param>
/// <param name="IsTransposed">Stored as the transpose of PyTorch's 2-D layout (the generator's choice for fast forward passes).</param>
public sealed record ParameterTensor(string Name, int[] Shape, int Offset, int Length, bool IsTransposed);
