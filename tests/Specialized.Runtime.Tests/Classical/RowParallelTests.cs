using Specialized.Classical;

namespace Specialized.Tests.Classical;

/// <summary>
/// <see cref="RowParallel"/>, the block splitter behind the maxThreads option of kNN, KDE, the GMM E step and k-means'
/// assignment: every row in exactly one block of the fixed size whatever the thread count, a body's exception reaches
/// the caller, and a call from inside a saturated thread pool completes on the calling thread alone.
/// </summary>
public sealed class RowParallelTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(16, 2)]
    [InlineData(17, 2)]
    [InlineData(1797, 2)]
    [InlineData(1797, 3)]
    [InlineData(1000, 8)]
    [InlineData(5, 1)]
    public void Every_row_lands_in_exactly_one_block_of_the_fixed_split(int rows, int threads)
    {
        var visits = new int[rows];
        var blocks = new System.Collections.Concurrent.ConcurrentBag<(int Start, int End)>();
        RowParallel.For(rows, threads, (start, end) =>
        {
            blocks.Add((start, end));
            for (int i = start; i < end; i++) Interlocked.Increment(ref visits[i]);
        });
        Assert.All(visits, v => Assert.Equal(1, v));
        int expectedBlocks = threads == 1 ? 1 : (rows + RowParallel.BlockRows - 1) / RowParallel.BlockRows;
        Assert.Equal(expectedBlocks, blocks.Count);
        if (threads > 1)
            Assert.All(blocks, b => Assert.True(b.Start % RowParallel.BlockRows == 0 && b.End == Math.Min(rows, b.Start + RowParallel.BlockRows), $"block {b}"));
    }

    [Fact]
    public void A_body_that_throws_fails_the_call_with_its_exception()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RowParallel.For(400, 2, (start, _) =>
        {
            if (start == 160) throw new InvalidOperationException("block at 160");
        }));
        Assert.Equal("block at 160", error.Message);
    }

    [Fact]
    public async Task A_call_from_a_saturated_thread_pool_completes()
    {
        // Every pool thread but the caller's blocked: queued helpers cannot start, so the caller must take every block
        // and must not wait for them.
        ThreadPool.GetMinThreads(out int workers, out int io);
        using var release = new ManualResetEventSlim(false);
        var blockers = new List<Task>();
        try
        {
            for (int i = 0; i < workers + 2; i++) blockers.Add(Task.Run(() => release.Wait(TimeSpan.FromSeconds(30))));
            int sum = 0;
            Task call = Task.Factory.StartNew(() => RowParallel.For(320, 4, (start, end) => Interlocked.Add(ref sum, end - start)),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await call.WaitAsync(TimeSpan.FromSeconds(10)); // a TimeoutException if it waited for helpers that could not start
            Assert.Equal(320, sum);
        }
        finally
        {
            release.Set();
            await Task.WhenAll(blockers);
        }
        GC.KeepAlive(io);
    }
}
