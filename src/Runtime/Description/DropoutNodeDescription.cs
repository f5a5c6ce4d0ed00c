namespace Specialized;

/// <summary>Inverted dropout in training; the identity in inference.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Inputs">The value it reads.</param>
/// <param name="Output">The value it writes.</param>
/// <param name="Tensors">None.</param>
/// <param name="Probability">The probability of dropping a value in training.</param>
public sealed record DropoutNodeDescription(string Name, IReadOnlyList<int> Inputs, int Output, IReadOnlyList<string> Tensors, double Probability)
    : NodeDescription(Name, Inputs, Output, Tensors)
{
    /// <inheritdoc/>
    public override string Kind => "Dropout";
}
