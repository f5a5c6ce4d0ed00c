namespace Specialized;

/// <summary>
/// A node whose kind the description does not detail (yet): only what it reads, writes and owns, and the name of
/// its operation. Tools that translate a graph report it by name rather than guess.
/// </summary>
/// <param name="Name">The node's name.</param>
/// <param name="Inputs">The values it reads.</param>
/// <param name="Output">The value it writes.</param>
/// <param name="Tensors">The tensors it owns.</param>
/// <param name="Operation">What the node does, e.g. <c>"Upsample"</c>.</param>
public sealed record OpaqueNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, string Operation)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => Operation;
}
