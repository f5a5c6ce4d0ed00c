namespace Specialized.Distributed.Mpi;

/// <summary>An MPI call returned an error code; the message carries MPI's own text for it.</summary>
public sealed class MpiException : Exception
{
    /// <summary>Creates the exception for <paramref name="errorCode"/> returned by <paramref name="function"/>.</summary>
    public MpiException(string function, int errorCode, string mpiMessage)
        : base($"{function} failed with MPI error {errorCode}: {mpiMessage}")
    {
        Function = function;
        ErrorCode = errorCode;
    }

    /// <summary>The MPI function that failed, e.g. <c>MPI_Allreduce</c>.</summary>
    public string Function { get; }

    /// <summary>The MPI error code it returned.</summary>
    public int ErrorCode { get; }
}
