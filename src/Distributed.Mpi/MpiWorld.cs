using System.Text;
using Specialized.Distributed.Mpi.Native;

namespace Specialized.Distributed.Mpi;

/// <summary>
/// The processes of one MPI job (<c>MPI_COMM_WORLD</c>): this process's rank, the job's size, and the collectives
/// data-parallel training needs (barrier, broadcast, allreduce) on spans of <see cref="float"/>, <see cref="double"/>,
/// <see cref="int"/> and <see cref="long"/>. <see cref="Initialize"/> starts MPI once per process;
/// <see cref="Dispose"/> finalizes it (MPI cannot be started again in the same process).
/// </summary>
/// <remarks>
/// Every collective must be called by every rank in the same order with the same counts, as in MPI itself; a rank
/// that throws between collectives leaves the others waiting, so callers decide failures collectively (the
/// <see cref="DistributedTrainer{TModel}"/> folds a non-finite loss into the gradient allreduce for that reason).
/// Errors are returned, not fatal (<c>MPI_ERRORS_RETURN</c>), and become <see cref="MpiException"/>. MPI is started
/// with <c>MPI_THREAD_SERIALIZED</c>: any thread may call, one at a time (calls are serialized here).
/// Supports the MPICH ABI (MPICH, Intel MPI, MS-MPI); Open MPI is detected and refused with a clear message.
/// </remarks>
public sealed unsafe class MpiWorld : IDisposable
{
    private const int ThreadSerialized = 2;
    private static readonly Lock StartGate = new();
    private static MpiWorld? _current;
    private readonly Lock _calls = new();
    private bool _disposed;

    private MpiWorld(int rank, int size)
    {
        Rank = rank;
        Size = size;
    }

    /// <summary>This process's rank in [0, <see cref="Size"/>).</summary>
    public int Rank { get; }

    /// <summary>Number of processes in the job (1 when the program was not launched by <c>mpiexec</c>).</summary>
    public int Size { get; }

    /// <summary>Whether this is rank 0, which validates, checkpoints and writes reports.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>The MPI library's version line, e.g. <c>MPICH Version: 4.0.2</c>.</summary>
    public static string LibraryVersion => MpiLibrary.Version;

    /// <summary>
    /// Starts MPI in this process (or returns the world already started). Launched by <c>mpiexec -n N</c> each process
    /// gets its rank; started directly it is a world of one.
    /// </summary>
    /// <exception cref="MpiUnavailableException">No MPICH-ABI library is installed; the message says what to install.</exception>
    /// <exception cref="InvalidOperationException">MPI was already finalized in this process.</exception>
    public static MpiWorld Initialize()
    {
        lock (StartGate)
        {
            if (_current is { _disposed: false }) return _current;
            MpiLibrary.EnsureLoaded();
            int flag;
            Check(MpiNative.Finalized(&flag), "MPI_Finalized");
            if (flag != 0) throw new InvalidOperationException("MPI was already finalized in this process; MPI can be started only once per process.");
            Check(MpiNative.Initialized(&flag), "MPI_Initialized");
            if (flag == 0)
            {
                int provided;
                Check(MpiNative.InitThread(null, null, ThreadSerialized, &provided), "MPI_Init_thread");
            }
            Check(MpiNative.CommSetErrorHandler(MpichAbi.CommWorld, MpichAbi.ErrorsReturn), "MPI_Comm_set_errhandler");
            int rank, size;
            Check(MpiNative.CommRank(MpichAbi.CommWorld, &rank), "MPI_Comm_rank");
            Check(MpiNative.CommSize(MpichAbi.CommWorld, &size), "MPI_Comm_size");
            _current = new MpiWorld(rank, size);
            return _current;
        }
    }

    /// <summary>Blocks until every rank has called it.</summary>
    public void Barrier()
    {
        lock (_calls)
        {
            ThrowIfDisposed();
            Check(MpiNative.Barrier(MpichAbi.CommWorld), "MPI_Barrier");
        }
    }

    /// <summary>Copies <paramref name="values"/> of rank <paramref name="root"/> into every other rank's <paramref name="values"/>.</summary>
    public void Broadcast(Span<float> values, int root = 0) => BroadcastCore(values, MpichAbi.Float, root);

    /// <inheritdoc cref="Broadcast(Span{float}, int)"/>
    public void Broadcast(Span<double> values, int root = 0) => BroadcastCore(values, MpichAbi.Double, root);

    /// <inheritdoc cref="Broadcast(Span{float}, int)"/>
    public void Broadcast(Span<int> values, int root = 0) => BroadcastCore(values, MpichAbi.Int, root);

    /// <inheritdoc cref="Broadcast(Span{float}, int)"/>
    public void Broadcast(Span<long> values, int root = 0) => BroadcastCore(values, MpichAbi.LongLong, root);

    /// <summary>Replaces <paramref name="values"/> on every rank, in place, by the element-wise reduction over all ranks.</summary>
    /// <remarks>
    /// Every rank receives the same bits: MPICH reduces each element once (or in the same rank order everywhere)
    /// and distributes the result, and a + b equals b + a exactly in IEEE arithmetic.
    /// </remarks>
    public void AllReduce(Span<float> values, MpiOperation operation = MpiOperation.Sum) => AllReduceCore(values, MpichAbi.Float, operation);

    /// <inheritdoc cref="AllReduce(Span{float}, MpiOperation)"/>
    public void AllReduce(Span<double> values, MpiOperation operation = MpiOperation.Sum) => AllReduceCore(values, MpichAbi.Double, operation);

    /// <inheritdoc cref="AllReduce(Span{float}, MpiOperation)"/>
    public void AllReduce(Span<int> values, MpiOperation operation = MpiOperation.Sum) => AllReduceCore(values, MpichAbi.Int, operation);

    /// <inheritdoc cref="AllReduce(Span{float}, MpiOperation)"/>
    public void AllReduce(Span<long> values, MpiOperation operation = MpiOperation.Sum) => AllReduceCore(values, MpichAbi.LongLong, operation);

    /// <summary>Ends the whole job at once with <paramref name="errorCode"/> (<c>MPI_Abort</c>): the way out when one rank cannot go on.</summary>
    public void Abort(int errorCode) => MpiNative.Abort(MpichAbi.CommWorld, errorCode);

    /// <summary>Finalizes MPI (every rank must call it); the process cannot start MPI again.</summary>
    public void Dispose()
    {
        lock (_calls)
        {
            if (_disposed) return;
            _disposed = true;
            Check(MpiNative.Finalize(), "MPI_Finalize");
        }
    }

    private void BroadcastCore<T>(Span<T> values, int datatype, int root) where T : unmanaged
    {
        if ((uint)root >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"root must be a rank in [0, {Size}).");
        if (values.IsEmpty) return;
        lock (_calls)
        {
            ThrowIfDisposed();
            fixed (T* pointer = values) Check(MpiNative.Broadcast(pointer, values.Length, datatype, root, MpichAbi.CommWorld), "MPI_Bcast");
        }
    }

    private void AllReduceCore<T>(Span<T> values, int datatype, MpiOperation operation) where T : unmanaged
    {
        int op = operation switch
        {
            MpiOperation.Sum => MpichAbi.Sum,
            MpiOperation.Max => MpichAbi.Max,
            MpiOperation.Min => MpichAbi.Min,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "operation must be Sum, Max or Min."),
        };
        if (values.IsEmpty) return;
        lock (_calls)
        {
            ThrowIfDisposed();
            fixed (T* pointer = values) Check(MpiNative.AllReduce(MpichAbi.InPlace, pointer, values.Length, datatype, op, MpichAbi.CommWorld), "MPI_Allreduce");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static void Check(int code, string function)
    {
        if (code == MpichAbi.Success) return;
        byte* text = stackalloc byte[MpichAbi.MaxErrorString];
        int length = 0;
        string message = MpiNative.ErrorString(code, text, &length) == MpichAbi.Success
            ? Encoding.UTF8.GetString(text, Math.Clamp(length, 0, MpichAbi.MaxErrorString))
            : "(no text)";
        throw new MpiException(function, code, message);
    }
}
