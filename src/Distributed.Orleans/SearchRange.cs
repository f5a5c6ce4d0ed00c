namespace Specialized.Distributed.Orleans;

/// <summary>Where a random search draws one hyper-parameter: uniform in [<paramref name="Low"/>, <paramref name="High"/>], or log-uniform (learning rates, regularization).</summary>
/// <param name="Low">Smallest value.</param>
/// <param name="High">Largest value.</param>
/// <param name="Logarithmic">Draw uniformly in log space; both bounds must then be greater than 0.</param>
public sealed record SearchRange(double Low, double High, bool Logarithmic = false)
{
    /// <summary>One value drawn with <paramref name="random"/>.</summary>
    public double Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(Low <= High)) throw new InvalidOperationException($"SearchRange has Low {Low} above High {High}.");
        if (!Logarithmic) return Low + random.NextDouble() * (High - Low);
        if (!(Low > 0)) throw new InvalidOperationException($"A logarithmic SearchRange needs Low > 0; it has {Low}.");
        return Math.Exp(Math.Log(Low) + random.NextDouble() * (Math.Log(High) - Math.Log(Low)));
    }
}
