namespace Specialized;

/// <summary>
/// Draws shuffled minibatches from a <see cref="Dataset"/> without allocating: <see cref="Shuffle"/>
/// reorders the row indices once per epoch (seeded, so runs repeat exactly) and
/// <see cref="FillBatch(int, Span{float}, Span{int})"/> gathers one batch into caller-owned buffers.
/// The last batch of an epoch is smaller when the batch size does not divide the set, or dropped
/// with <c>dropLast</c>; a batch size larger than the set gives one batch of every row (PyTorch's DataLoader).
/// </summary>
public sealed class MinibatchSampler
{
    private readonly Dataset _data;
    private readonly int[] _order;
    private readonly Random _random;

    /// <summary>Creates a sampler over <paramref name="data"/>; rows start in file order until the first <see cref="Shuffle"/>.</summary>
    /// <param name="data">The rows to draw from.</param>
    /// <param name="batchSize">Rows per full batch, at least 1; may exceed the row count (one short batch).</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <param name="dropLast">Leave out the last batch when it is short (PyTorch's <c>drop_last</c>).</param>
    public MinibatchSampler(Dataset data, int batchSize, int seed, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1.");
        _data = data;
        BatchSize = batchSize;
        DropLast = dropLast;
        _order = Enumerable.Range(0, data.Count).ToArray();
        _random = new Random(seed);
    }

    /// <summary>Rows per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether a final short batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch: a final partial batch counts unless <see cref="DropLast"/> (then it may be 0).</summary>
    // Written without BatchSize − 1 added to the count, which could overflow for a huge batch size.
    public int BatchCount => _data.Count / BatchSize + (!DropLast && _data.Count % BatchSize != 0 ? 1 : 0);

    /// <summary>Rows in the largest batch: the buffers <see cref="FillBatch(int, Span{float}, Span{int})"/> needs hold this many.</summary>
    public int LargestBatch => Math.Min(BatchSize, _data.Count);

    /// <summary>Number of rows in batch <paramref name="batch"/>.</summary>
    public int RowsIn(int batch) => Math.Min(BatchSize, _data.Count - batch * BatchSize);

    /// <summary>Draws a new random order of the rows (Fisher–Yates with the seeded generator).</summary>
    public void Shuffle() => _random.Shuffle(_order);

    /// <summary>
    /// Copies batch <paramref name="batch"/>'s features and labels into the buffers; returns its row count.
    /// A segmentation set gives each row's whole class map (<see cref="Dataset.LabelsPerSample"/> labels).
    /// </summary>
    public int FillBatch(int batch, Span<float> features, Span<int> labels)
    {
        int rows = Gather(batch, features);
        int[] source = _data.Labels;
        int perSample = _data.LabelsPerSample;
        if (labels.Length < rows * perSample)
            throw new ArgumentException($"labels has room for {labels.Length} labels; batch {batch} needs {rows} rows × {perSample} labels = {rows * perSample}.", nameof(labels));
        if (perSample == 1)
        {
            for (int i = 0; i < rows; i++) labels[i] = source[_order[batch * BatchSize + i]];
            return rows;
        }
        for (int i = 0; i < rows; i++)
            source.AsSpan(_order[batch * BatchSize + i] * perSample, perSample).CopyTo(labels.Slice(i * perSample));
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
