using Specialized.Classical;

namespace Specialized.Tests.Classical;

/// <summary>
/// <see cref="RowParallel"/>, the block splitter behind the maxThreads option of kNN, KDE, the GMM E step and k-means'
/// assignment: every row in exactly one block of the fixed size whatever the thread count, a body's exception reaches
/// the caller, and a helper the pool starts late neither runs a block nor is waited for.
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
    public void A_helper_that_starts_after_the_caller_ran_out_of_blocks_takes_none_and_is_not_waited_for()
    {
        // What a saturated pool does to a call: its helpers start late or never. The caller takes every block and
        // returns without waiting; a helper starting afterwards must find the work closed and run nothing.
        int calls = 0;
        var work = new RowParallel.Blocks(320, 20, (start, end) => Interlocked.Increment(ref calls));
        work.Take();
        work.CloseAndWait();
        Assert.Equal(20, calls);
        work.Execute();
        Assert.Equal(20, calls);
    }
}
