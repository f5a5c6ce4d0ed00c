namespace Specialized.Distributed.Orleans;

/// <summary>
/// A silo stopped (shut down, scaled in, killed through its lifecycle) while it trained a member and gave the member
/// up rather than hold its shutdown for the rest of the training; <see cref="ClusterTrainer"/> retries it elsewhere.
/// </summary>
[GenerateSerializer]
public sealed class TrainingAbandonedException : OrleansException
{
    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public TrainingAbandonedException(string message)
        : base(message)
    {
    }
}
