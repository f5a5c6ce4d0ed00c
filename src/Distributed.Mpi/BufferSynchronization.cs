namespace Specialized.Distributed.Mpi;

/// <summary>
/// How the model's non-trainable buffers (BatchNorm running statistics) are made equal on every rank at the end
/// of each epoch, before validation and checkpointing. Each rank's BatchNorm layers see only their shard of every
/// batch, so the running statistics drift apart during an epoch.
/// </summary>
public enum BufferSynchronization
{
    /// <summary>Average the float buffers over ranks (an allreduce and a scale by 1/size); the default.</summary>
    Average,

    /// <summary>Every rank takes rank 0's buffers (one broadcast), as PyTorch's DistributedDataParallel does.</summary>
    RootBroadcast,
}
