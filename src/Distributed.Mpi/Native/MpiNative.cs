using System.Runtime.InteropServices;

namespace Specialized.Distributed.Mpi.Native;

/// <summary>
/// The few MPI C functions the trainer needs, bound with source-generated <see cref="LibraryImportAttribute"/>
/// stubs (no runtime marshalling code, no Reflection.Emit: trimming- and Native-AOT-safe). Every argument is
/// blittable; handles are MPICH-ABI <c>int</c>s (<see cref="MpichAbi"/>). The library name "mpi" is mapped to
/// the installed file by <see cref="MpiLibrary"/>.
/// </summary>
internal static unsafe partial class MpiNative
{
    public const string Library = "mpi";

    [LibraryImport(Library, EntryPoint = "MPI_Get_library_version")]
    public static partial int GetLibraryVersion(byte* version, int* length);

    [LibraryImport(Library, EntryPoint = "MPI_Initialized")]
    public static partial int Initialized(int* flag);

    [LibraryImport(Library, EntryPoint = "MPI_Finalized")]
    public static partial int Finalized(int* flag);

    [LibraryImport(Library, EntryPoint = "MPI_Init_thread")]
    public static partial int InitThread(int* argc, byte*** argv, int required, int* provided);

    [LibraryImport(Library, EntryPoint = "MPI_Finalize")]
    public static partial int Finalize();

    [LibraryImport(Library, EntryPoint = "MPI_Abort")]
    public static partial int Abort(int communicator, int errorCode);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_set_errhandler")]
    public static partial int CommSetErrorHandler(int communicator, int handler);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_rank")]
    public static partial int CommRank(int communicator, int* rank);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_size")]
    public static partial int CommSize(int communicator, int* size);

    [LibraryImport(Library, EntryPoint = "MPI_Barrier")]
    public static partial int Barrier(int communicator);

    [LibraryImport(Library, EntryPoint = "MPI_Bcast")]
    public static partial int Broadcast(void* buffer, int count, int datatype, int root, int communicator);

    [LibraryImport(Library, EntryPoint = "MPI_Allreduce")]
    public static partial int AllReduce(void* send, void* receive, int count, int datatype, int operation, int communicator);

    [LibraryImport(Library, EntryPoint = "MPI_Error_string")]
    public static partial int ErrorString(int errorCode, byte* text, int* length);
}
