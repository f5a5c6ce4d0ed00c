
namespace Specialized.Classical;

/// <summary>
/// Training samples laid out for split search: features column by column, and for every feature
/// the sample indices in increasing order of that feature. Sorting happens once per tree, forest or
/// boosting run; every node after that finds its samples in order by partitioning, never by sorting.
/// </summary>
internal sealed class PresortedSamples
{
    public PresortedSamples(ReadOnlySpan<float> samples, int featureCount, ReadOnlySpan<int> labels, int classCount)
    {
        Rows = labels.Length;
        Features = featureCount;
        Classes = classCount;
        Labels = labels.ToArray();
        Columns = new float[Features * Rows];
        Order = new int[Features * Rows];
        // One 64-bit key per sample: the value's bits made order-preserving as an unsigned integer,
        // then the sample index. Sorting plain integers is faster than sorting keys with items, and
        // ties come out in index order whatever the sort algorithm does.
        var keys = new ulong[Rows];
        for (int f = 0; f < Features; f++)
        {
            Span<float> column = Columns.AsSpan(f * Rows, Rows);
            for (int i = 0; i < Rows; i++)
            {
                column[i] = samples[i * featureCount + f];
                uint bits = BitConverter.SingleToUInt32Bits(column[i]);
                bits = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
                keys[i] = (ulong)bits << 32 | (uint)i;
            }
            keys.AsSpan().Sort();
            Span<int> order = Order.AsSpan(f * Rows, Rows);
            for (int p = 0; p < Rows; p++) order[p] = (int)(uint)keys[p];
        }
    }

    /// <summary>Number of samples.</summary>
    public int Rows { get; }

    /// <summary>Number of features.</summary>
    public int Features { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Class label of every sample.</summary>
    public int[] Labels { get; }

    /// <summary>Feature-major values: <c>Columns[f · Rows + i]</c> is feature f of sample i.</summary>
    public float[] Columns { get; }

    /// <summary>Feature-major sort order: <c>Order[f · Rows + p]</c> is the sample with the p-th smallest feature f.</summary>
    public int[] Order { get; }
}
