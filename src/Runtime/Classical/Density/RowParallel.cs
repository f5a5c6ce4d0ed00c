using System.Runtime.ExceptionServices;

namespace Specialized.Classical;

/// <summary>
/// Splits rows into fixed blocks of <see cref="BlockRows"/> and runs them on up to maxThreads threads.
/// Every row's result is computed by the same code from the same inputs whichever thread runs it, so
/// the output is identical for any thread count (the degree of parallelism never changes a result).
/// </summary>
/// <remarks>
/// The calling thread takes blocks too, beside up to maxThreads − 1 thread-pool helpers, each taking the next
/// block until none is left. Written on the thread pool directly rather than with <c>Parallel.For</c>, whose first
/// use in a process (its event source, loop state and replicating tasks) cost a cold two-thread k-means fit about
/// as much as the fit itself. A helper that has not started when the caller runs out of blocks never starts work:
/// the caller waits only for helpers that are inside a block, so a busy pool (a fit called from pool threads)
/// slows nothing down and cannot stall the call. Helpers are capped at the processor count (a maxThreads of
/// int.MaxValue queues no more than that) and run without the caller's execution context (no AsyncLocal values or
/// culture flow to them; the bodies are arithmetic on spans and need neither).
/// </remarks>
internal static class RowParallel
{
    /// <summary>Rows per work item: enough to amortize scheduling, few enough to balance two to eight threads.</summary>
    public const int BlockRows = 16;

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, rows) in blocks; inline when one thread or one block.</summary>
    public static void For(int rows, int maxThreads, Action<int, int> body)
    {
        int blocks = (rows + BlockRows - 1) / BlockRows;
        if (maxThreads <= 1 || blocks <= 1)
        {
            body(0, rows);
            return;
        }
        var work = new Blocks(rows, blocks, body);
        for (int helper = Math.Min(Math.Min(maxThreads, Environment.ProcessorCount), blocks) - 1; helper > 0; helper--)
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        work.Take();
        work.CloseAndWait();
    }

    internal sealed class Blocks(int rows, int blocks, Action<int, int> body) : IThreadPoolWorkItem
    {
        // Low bits: helpers inside Take; the high bit: the caller has run out of blocks (no helper starts after that).
        private const int Closed = 1 << 30;
        private int _state;
        private int _next = -1;
        private Exception? _failure;
        private readonly ManualResetEventSlim _helpersDone = new(false);

        public void Execute()
        {
            int state;
            do
            {
                state = Volatile.Read(ref _state);
                if ((state & Closed) != 0) return;
            }
            while (Interlocked.CompareExchange(ref _state, state + 1, state) != state);
            Take();
            if (Interlocked.Decrement(ref _state) == Closed) _helpersDone.Set();
        }

        public void Take()
        {
            try
            {
                int block;
                while (Volatile.Read(ref _failure) is null && (block = Interlocked.Increment(ref _next)) < blocks)
                    body(block * BlockRows, Math.Min(rows, (block + 1) * BlockRows));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
        }

        public void CloseAndWait()
        {
            // Not disposed: the last helper may still be inside Set when the wait returns (the event never made a kernel handle).
            if ((Interlocked.Or(ref _state, Closed) & ~Closed) != 0) _helpersDone.Wait();
            if (_failure is not null) ExceptionDispatchInfo.Throw(_failure);
        }
    }
}
