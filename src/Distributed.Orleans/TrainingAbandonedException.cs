namespace Specialized.Distributed.Orleans;

/// <summary>
/// A silo stopped (shut down, scaled in, killed through its lifecycle) while it trained a member and gave the member
/// up rather than hold its shutdown for the rest of the training; <see cref="ClusterTrainer"/> retries it elsewhere.
/// </summary>
[GenerateSerializer]
public sealed class TrainingAbandonedException : OrleansException
{
    /// <summary>Creates the exception with <paramref name="message"/>, naming the <paramref name="silo"/> that gave the member up.</summary>
    public TrainingAbandonedException(string message, string silo)
        : base(message)
    {
        Silo = silo;
    }

    /// <summary>The silo that gave the member up (<c>SiloAddress.ToString()</c>), so its retry can be placed elsewhere.</summary>
    [Id(0)] public string Silo { get; init; }
}
