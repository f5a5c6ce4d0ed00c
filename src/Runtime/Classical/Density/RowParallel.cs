namespace Specialized.Classical;

/// <summary>
/// Splits rows into fixed blocks of <see cref="BlockRows"/> and runs them on up to maxThreads threads.
/// Every row's result is computed by the same code from the same inputs whichever thread runs it, so
/// the output is identical for any thread count (the degree of parallelism never changes a result).
/// </summary>
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
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxThreads },
            block => body(block * BlockRows, Math.Min(rows, (block + 1) * BlockRows)));
    }
}
