namespace Specialized.Distributed.Orleans;

/// <summary>A grain that trains one model for one request and returns it; one activation per attempt key.</summary>
public interface ITrainingGrain : IGrainWithStringKey
{
    /// <summary>Trains what <paramref name="request"/> asks for on this silo and returns the weights and validation figures.</summary>
    /// <param name="request">The model to train.</param>
    /// <param name="cancellationToken">
    /// Cancelled by the caller when it gives this attempt up (<see cref="ClusterTrainer.AttemptTimeout"/>, a silo failure,
    /// its own cancellation); Orleans carries the signal to the grain, which stops the training at the job's next check and
    /// never returns the result of an attempt its caller has given up.
    /// </param>
    /// <remarks>
    /// Orleans' default response timeout (30 s) would fail any member that trains longer (and, retried, run it twice at
    /// once); the call may take a day here, and <see cref="ClusterTrainer.AttemptTimeout"/> decides when a member is lost.
    /// </remarks>
    [ResponseTimeout("1.00:00:00")]
    Task<TrainingResult> Train(TrainingRequest request, CancellationToken cancellationToken = default);
}
