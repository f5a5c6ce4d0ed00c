namespace Specialized.Distributed.Mpi.Tests;

public sealed class ShardTests
{
    [Theory]
    [InlineData(64, 1)]
    [InlineData(64, 2)]
    [InlineData(64, 4)]
    [InlineData(29, 4)]
    [InlineData(3, 4)]
    [InlineData(1, 2)]
    public void Shards_cover_the_global_batch_in_rank_order_and_differ_by_at_most_one_row(int rows, int ranks)
    {
        int next = 0;
        var counts = new List<int>();
        for (int rank = 0; rank < ranks; rank++)
        {
            var (first, count) = DistributedTrainer<Specialized.Models.DigitsMlp>.Shard(rows, rank, ranks);
            Assert.Equal(next, first);
            counts.Add(count);
            next = first + count;
        }
        Assert.Equal(rows, next);
        Assert.True(counts.Max() - counts.Min() <= 1, $"shard sizes {string.Join(", ", counts)}");
    }

    [Fact]
    public void Shard_names_the_bad_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DistributedTrainer<Specialized.Models.DigitsMlp>.Shard(10, 2, 2));
        Assert.Equal("rank", error.ParamName);
        Assert.Contains("[0, 2)", error.Message);
    }
}
