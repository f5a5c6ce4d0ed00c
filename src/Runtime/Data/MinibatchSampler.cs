namespace Specialized;

/// <summary>
/// Draws shuffled minibatches from a <see cref="Dataset"/> without allocating: <see cref="Shuffle"/>
/// reorders the row indices once per epoch (seeded, so runs repeat exactly) and
/// <see cref="FillBatch(int, Span{float}, Span{int})"/> gathers one batch into caller-owned buffers.
/// The last batch of an epoch is smaller when the batch size does not divide the set.
/// </summary>
public sealed class MinibatchSampler
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private readonly Random _random;

    /// <summary>Creates a sampler over <paramref name="data"/>; rows start in file order until the first <see cref="Shuffle"/>.</summary>
    public MinibatchSampler(Dataset data, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize <= 0 || batchSize > data.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be between 1 and the number of samples ({data.Count}).");
        _data = data;
        BatchSize = batchSize;
        _order = Enumerable.Range(0, data.Count).ToArray();
        _random = new Random(seed);
    }

    /// <summary>Rows per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch, counting a final partial batch.</summary>
    public int BatchCount => (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>Number of rows in batch <paramref name="batch"/>.</summary>
    public int RowsIn(int batch) => Math.Min(BatchSize, _data.Count - batch * BatchSize);

    /// <summary>Draws a new random order of the rows (Fisher–Yates with the seeded generator).</summary>
    public void Shuffle() => _random.Shuffle(_order);

    /// <summary>Copies batch <paramref name="batch"/>'s features and labels into the buffers; returns its row count.</summary>
    public int FillBatch(int batch, Span<float> features, Span<int> labels)
    {
        int rows = Gather(batch, features);
        int[] source = _data.Labels;
        if (labels.Length < rows) throw new ArgumentException($"labels has room for {labels.Length} labels; batch {batch} has {rows}.", nameof(labels));
        for (int i = 0; i < rows; i++) labels[i] = source[_order[batch * BatchSize + i]];
        return rows;
    }

    /// <summary>Copies batch <paramref name="batch"/>'s features and float targets into the buffers; returns its row count.</summary>
    public int FillBatch(int batch, Span<float> features, Span<float> targets)
    {
        int rows = Gather(batch, features);
        int width = _data.TargetCount;
        float[] source = _data.Targets;
        if (targets.Length < rows * width) throw new ArgumentException($"targets has room for {targets.Length} values; batch {batch} needs {rows * width}.", nameof(targets));
        for (int i = 0; i < rows; i++)
            source.AsSpan(_order[batch * BatchSize + i] * width, width).CopyTo(targets.Slice(i * width));
        return rows;
    }

    private int Gather(int batch, Span<float> features)
    {
        if ((uint)batch >= (uint)BatchCount) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch must be in [0, {BatchCount}).");
        int rows = RowsIn(batch), width = _data.FeatureCount;
        if (features.Length < rows * width) throw new ArgumentException($"features has room for {features.Length} values; batch {batch} needs {rows * width}.", nameof(features));
        for (int i = 0; i < rows; i++) _data.Row(_order[batch * BatchSize + i]).CopyTo(features.Slice(i * width));
        return rows;
    }
}
