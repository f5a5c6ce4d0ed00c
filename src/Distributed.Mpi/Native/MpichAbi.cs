namespace Specialized.Distributed.Mpi.Native;

/// <summary>
/// The handle values of the MPICH ABI (MPICH 3.1 and later, Intel MPI, MS-MPI, Cray MPICH): communicators,
/// data types and operations are plain <c>int</c>s with these fixed values, read from MPICH 4.0's
/// <c>mpi.h</c>. Open MPI's handles are instead addresses of global objects, so it is detected and refused.
/// </summary>
internal static class MpichAbi
{
    /// <summary><c>MPI_SUCCESS</c>.</summary>
    public const int Success = 0;

    /// <summary><c>MPI_COMM_WORLD</c>.</summary>
    public const int CommWorld = 0x44000000;

    /// <summary><c>MPI_ERRORS_RETURN</c>: errors come back as codes instead of aborting the job.</summary>
    public const int ErrorsReturn = 0x54000001;

    /// <summary><c>MPI_INT</c> (32-bit).</summary>
    public const int Int = 0x4c000405;

    /// <summary><c>MPI_LONG_LONG</c> (64-bit).</summary>
    public const int LongLong = 0x4c000809;

    /// <summary><c>MPI_FLOAT</c>.</summary>
    public const int Float = 0x4c00040a;

    /// <summary><c>MPI_DOUBLE</c>.</summary>
    public const int Double = 0x4c00080b;

    /// <summary><c>MPI_MAX</c>.</summary>
    public const int Max = 0x58000001;

    /// <summary><c>MPI_MIN</c>.</summary>
    public const int Min = 0x58000002;

    /// <summary><c>MPI_SUM</c>.</summary>
    public const int Sum = 0x58000003;

    /// <summary><c>MPI_IN_PLACE</c>: <c>(void*)-1</c>.</summary>
    public static unsafe void* InPlace => (void*)-1;

    /// <summary><c>MPI_MAX_ERROR_STRING</c>.</summary>
    public const int MaxErrorString = 512;

    /// <summary><c>MPI_MAX_LIBRARY_VERSION_STRING</c> (MPICH's value; MS-MPI's is smaller).</summary>
    public const int MaxLibraryVersionString = 8192;
}
