namespace Specialized;

/// <summary>
/// LIBSVM's kernel-row cache (<c>class Cache</c> in svm.cpp) for a training problem of
/// <c>l</c> samples: rows of Q kept in a fixed slab under a size limit, least recently used row
/// evicted first, each row filled only as far as it has been asked for (so rows asked for while the
/// active set is shrunk stay short). Row slots are the full length <c>l</c>, so the limit counts
/// whole rows; like LIBSVM, at least two rows are always kept, because an SMO step holds two.
/// </summary>
internal sealed class KernelRowCache
{
    private readonly float[] _slab;
    private readonly double _megabytes;
    private int _length;
    private readonly int[] _slot;      // slot of each sample's row, −1 when not cached
    private readonly int[] _filled;    // how many leading entries of the row are valid
    private readonly int[] _previous;  // LRU list over samples; index _length is the sentinel
    private readonly int[] _next;
    private readonly Stack<int> _freeSlots;

    /// <summary>
    /// Creates a cache for problems of up to <paramref name="maxLength"/> samples within
    /// <paramref name="megabytes"/>; call <see cref="Reset"/> before each problem (the slab is reused).
    /// </summary>
    public KernelRowCache(int maxLength, double megabytes)
    {
        _megabytes = megabytes;
        // Big enough for the rows of any smaller problem too: at most max(two rows, the budget, every row).
        long budgetFloats = (long)(megabytes * 1024 * 1024 / sizeof(float));
        _slab = new float[Math.Max(2L * maxLength, Math.Min(budgetFloats, (long)maxLength * maxLength))];
        _slot = new int[maxLength];
        _filled = new int[maxLength];
        _previous = new int[maxLength + 1];
        _next = new int[maxLength + 1];
        _freeSlots = new Stack<int>();
        Reset(maxLength);
    }

    /// <summary>Empties the cache for a problem of <paramref name="length"/> samples (at most the constructor's).</summary>
    public void Reset(int length)
    {
        if ((uint)length > (uint)_slot.Length)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"length must be at most {_slot.Length}.");
        _length = length;
        Capacity = RowsFor(length, _megabytes);
        Misses = 0;
        _previous[length] = _next[length] = length;
        Array.Fill(_slot, -1, 0, length);
        Array.Clear(_filled, 0, length);
        _freeSlots.Clear();
        for (int s = Capacity - 1; s >= 0; s--) _freeSlots.Push(s);
    }

    // Whole rows within the limit, at least two (an SMO step holds two rows), at most one per sample.
    private static int RowsFor(int length, double megabytes)
    {
        long budgetRows = (long)(megabytes * 1024 * 1024 / sizeof(float)) / Math.Max(length, 1);
        return (int)Math.Clamp(budgetRows, 2, Math.Max(length, 2));
    }

    /// <summary>How many rows fit.</summary>
    public int Capacity { get; private set; }

    /// <summary>Rows computed (in whole or in part) since creation: a measure of kernel work.</summary>
    public long Misses { get; private set; }

    /// <summary>
    /// Returns the row of sample <paramref name="index"/>, at least <paramref name="length"/> long, and in
    /// <paramref name="validFrom"/> how many leading entries are already valid (the caller computes the rest).
    /// </summary>
    public Span<float> GetRow(int index, int length, out int validFrom)
    {
        if (_slot[index] >= 0) Unlink(index);
        validFrom = _filled[index];
        if (validFrom < length)
        {
            Misses++;
            if (_slot[index] < 0)
            {
                if (_freeSlots.Count == 0) Evict(_next[_length]);
                _slot[index] = _freeSlots.Pop();
                validFrom = 0;
            }
            _filled[index] = length;
        }
        LinkAsNewest(index);
        return _slab.AsSpan(_slot[index] * _length, _length);
    }

    /// <summary>
    /// Exchanges samples <paramref name="i"/> and <paramref name="j"/> (the solver swaps them when it
    /// shrinks): their rows trade places and every cached row swaps the two entries, or is dropped when
    /// it reaches only one of them (LIBSVM's "give up").
    /// </summary>
    public void SwapIndex(int i, int j)
    {
        if (i == j) return;
        if (_slot[i] >= 0) Unlink(i);
        if (_slot[j] >= 0) Unlink(j);
        (_slot[i], _slot[j]) = (_slot[j], _slot[i]);
        (_filled[i], _filled[j]) = (_filled[j], _filled[i]);
        if (_slot[i] >= 0) LinkAsNewest(i);
        if (_slot[j] >= 0) LinkAsNewest(j);
        if (i > j) (i, j) = (j, i);
        for (int h = _next[_length]; h != _length;)
        {
            int following = _next[h];
            if (_filled[h] > i)
            {
                if (_filled[h] > j)
                {
                    Span<float> row = _slab.AsSpan(_slot[h] * _length, _length);
                    (row[i], row[j]) = (row[j], row[i]);
                }
                else
                {
                    Evict(h);
                }
            }
            h = following;
        }
    }

    private void Evict(int index)
    {
        Unlink(index);
        _freeSlots.Push(_slot[index]);
        _slot[index] = -1;
        _filled[index] = 0;
    }

    private void Unlink(int index)
    {
        _next[_previous[index]] = _next[index];
        _previous[_next[index]] = _previous[index];
    }

    private void LinkAsNewest(int index)
    {
        int last = _previous[_length];
        _next[last] = index;
        _previous[index] = last;
        _next[index] = _length;
        _previous[_length] = index;
    }
}
