namespace Specialized;

/// <summary>
/// Inverted dropout: in training each value is zeroed with probability <see cref="Probability"/> and
/// the rest scaled by <c>1 / (1 − p)</c>; in inference it is the identity. The mask comes from a
/// counter-based generator keyed by the model's seed and training step, so a seed gives the same
/// masks on every register width. No tensors.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Declares dropout with drop probability <paramref name="probability"/> in [0, 1).</summary>
    public DropoutAttribute(double probability) => Probability = probability;

    /// <summary>The probability of zeroing a value.</summary>
    public double Probability { get; }
}
