namespace Specialized.Distributed.Mpi;

/// <summary>No usable MPI library is installed (or the one found does not speak the MPICH ABI); the message says what to install.</summary>
public sealed class MpiUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that names what was tried and how to fix it.</summary>
    public MpiUnavailableException(string message)
        : base(message)
    {
    }
}
