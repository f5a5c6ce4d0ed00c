namespace Specialized.Distributed.Mpi;

/// <summary>What a <see cref="DistributedTrainer{TModel}.Fit"/> did, with where this rank's time went.</summary>
/// <param name="Training">Epoch reports (training loss averaged over every rank's samples), best epoch, early stop, time.</param>
/// <param name="Ranks">Processes that trained together.</param>
/// <param name="Steps">Optimizer steps taken (the same on every rank).</param>
/// <param name="ComputeTime">This rank's time in forward and backward passes.</param>
/// <param name="CommunicationTime">This rank's time in the per-step gradient allreduce, waiting for slower ranks included.</param>
public sealed record DistributedTrainingSummary(TrainingSummary Training, int Ranks, long Steps, TimeSpan ComputeTime, TimeSpan CommunicationTime);
