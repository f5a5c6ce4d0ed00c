namespace Specialized;

/// <summary>
/// One node of a <see cref="ModelDescription"/>: what it reads and writes, and the tensors it owns by their
/// PyTorch <c>state_dict()</c> names (in that order; see <see cref="IModel.Tensors"/> for shapes and places).
/// Each node kind is a sealed record deriving from this one, carrying its options.
/// </summary>
/// <param name="Name">The node's tensor-name prefix, e.g. <c>"0"</c> or <c>"2.body.1"</c>; unique in the model.</param>
/// <param name="Inputs">The ids of the values it reads.</param>
/// <param name="Output">The id of the value it writes.</param>
/// <param name="Tensors">The full names of the tensors it owns, e.g. <c>"0.weight"</c>, <c>"0.bias"</c>.</param>
public abstract record NodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors)
{
    /// <summary>The layer kind as the declaration and error messages name it, e.g. <c>"Dense"</c>.</summary>
    public abstract string Kind { get; }
}
