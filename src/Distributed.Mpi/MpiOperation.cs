namespace Specialized.Distributed.Mpi;

/// <summary>The reductions an allreduce can apply element-wise across ranks.</summary>
public enum MpiOperation
{
    /// <summary>The sum over ranks (<c>MPI_SUM</c>).</summary>
    Sum,

    /// <summary>The largest value over ranks (<c>MPI_MAX</c>).</summary>
    Max,

    /// <summary>The smallest value over ranks (<c>MPI_MIN</c>).</summary>
    Min,
}
