namespace Specialized.Runtime.Tests.Classical.Svm;

public class KernelRowCacheTests
{
    [Fact]
    public void Capacity_follows_the_megabyte_limit_but_keeps_at_least_two_rows()
    {
        Assert.Equal(4, new KernelRowCache(65_536, 1).Capacity);          // 1 MB = 262,144 floats = 4 rows of 65,536
        Assert.Equal(2, new KernelRowCache(65_536, 0.0001).Capacity);     // below two rows: two anyway, like LIBSVM
        Assert.Equal(100, new KernelRowCache(100, 200).Capacity);         // never more rows than samples
    }

    [Fact]
    public void Least_recently_used_row_is_evicted_first_and_recomputed_on_return()
    {
        var cache = new KernelRowCache(1000, 3 * 1000 * 4 / (1024.0 * 1024)); // room for 3 rows
        Assert.Equal(3, cache.Capacity);
        Fill(cache, 0, 10);
        Fill(cache, 1, 10);
        Fill(cache, 2, 10);
        cache.GetRow(0, 10, out int valid0);    // 0 becomes the newest; 1 is now the oldest
        Assert.Equal(10, valid0);
        Fill(cache, 3, 10);                     // evicts 1
        cache.GetRow(0, 10, out valid0);
        Assert.Equal(10, valid0);
        cache.GetRow(1, 10, out int valid1);
        Assert.Equal(0, valid1);                // 1 was evicted: the caller recomputes it
    }

    [Fact]
    public void Short_row_is_extended_from_where_it_stopped()
    {
        var cache = new KernelRowCache(50, 1);
        Fill(cache, 5, 20);
        Span<float> row = cache.GetRow(5, 50, out int valid);
        Assert.Equal(20, valid);
        Assert.Equal(5 * 1000 + 19, row[19]);
    }

    [Fact]
    public void Swapping_indices_swaps_rows_and_entries_and_drops_rows_that_reach_only_one()
    {
        var cache = new KernelRowCache(10, 1);
        Fill(cache, 2, 10);
        Fill(cache, 4, 5);
        Fill(cache, 7, 8);
        cache.SwapIndex(1, 7);
        // Rows 2 and 7 reach both 1 and 7: their entries swap. Row 4 reaches 1 but not 7: dropped.
        // Row 7's data now belongs to index 1; row 1 had none, so index 7 has none.
        Span<float> row2 = cache.GetRow(2, 10, out int valid2);
        Assert.Equal(10, valid2);
        Assert.Equal(2007, row2[1]);
        Assert.Equal(2001, row2[7]);
        cache.GetRow(4, 5, out int valid4);
        Assert.Equal(0, valid4);
        Span<float> row1 = cache.GetRow(1, 8, out int valid1);
        Assert.Equal(8, valid1);
        Assert.Equal(7000, row1[0]);
        Assert.Equal(7007, row1[1]);
        Assert.Equal(7001, row1[7]);
        cache.GetRow(7, 3, out int valid7);
        Assert.Equal(0, valid7);
    }

    private static void Fill(KernelRowCache cache, int index, int length)
    {
        Span<float> row = cache.GetRow(index, length, out int valid);
        for (int k = valid; k < length; k++) row[k] = index * 1000 + k;
    }
}
