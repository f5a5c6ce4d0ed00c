using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Classical;

/// <summary>
/// Training rows stored for brute-force distance scans: in blocks of 32 rows, each block
/// feature-major (feature 0 of the 32 rows, then feature 1, …). One query's squared distances to
/// a block then build up in registers, one vector lane per training row, by streaming the block
/// sequentially. This works for any feature count (4 iris features or 64 digit pixels alike).
/// Every lane adds its features' squared differences in the same order, with a separate multiply and
/// add, so the 512-, 256-, 128-bit and scalar paths give bit-identical distances.
/// </summary>
internal sealed class BlockedRows
{
    private const int BlockRows = 32;
    private readonly float[] _data;

    public BlockedRows(ReadOnlySpan<float> samples, int featureCount)
    {
        FeatureCount = featureCount;
        Count = samples.Length / featureCount;
        PaddedCount = (Count + BlockRows - 1) / BlockRows * BlockRows;
        _data = new float[PaddedCount * featureCount];
        for (int row = 0; row < Count; row++)
        {
            int block = row / BlockRows, lane = row % BlockRows;
            for (int f = 0; f < featureCount; f++)
                _data[(block * featureCount + f) * BlockRows + lane] = samples[row * featureCount + f];
        }
    }

    /// <summary>Number of training rows.</summary>
    public int Count { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Row count rounded up to whole blocks: the length a distance buffer needs.</summary>
    public int PaddedCount { get; }

    /// <summary>
    /// Writes the squared Euclidean distance from <paramref name="query"/> to every training row into
    /// the first <see cref="Count"/> elements of <paramref name="distances"/> (length ≥ <see cref="PaddedCount"/>;
    /// the padding lanes receive meaningless values).
    /// </summary>
    public void SquaredDistances(ReadOnlySpan<float> query, Span<float> distances) => SquaredDistances(query, distances, VectorPath.Auto);

    /// <summary>As <see cref="SquaredDistances(ReadOnlySpan{float}, Span{float})"/> on a forced path (tests take each one).</summary>
    internal void SquaredDistances(ReadOnlySpan<float> query, Span<float> distances, VectorPath path)
    {
        if (query.Length != FeatureCount) throw new ArgumentException($"query has {query.Length} features; expected {FeatureCount}.", nameof(query));
        if (distances.Length < PaddedCount) throw new ArgumentException($"distances has {distances.Length} elements; expected at least {PaddedCount}.", nameof(distances));
        ref float data = ref MemoryMarshal.GetArrayDataReference(_data);
        ref float q = ref MemoryMarshal.GetReference(query);
        ref float output = ref MemoryMarshal.GetReference(distances);
        int blocks = PaddedCount / BlockRows, features = FeatureCount;
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512: SquaredDistances512(ref data, ref q, ref output, blocks, features); break;
            case VectorPath.Vector256: SquaredDistances256(ref data, ref q, ref output, blocks, features); break;
            case VectorPath.Vector128: SquaredDistances128(ref data, ref q, ref output, blocks, features); break;
            default: SquaredDistancesScalar(ref data, ref q, ref output, blocks, features); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimized from the first call
    private static void SquaredDistances512(ref float data, ref float q, ref float output, int blocks, int features)
    {
        for (int b = 0; b < blocks; b++)
        {
            ref float block = ref Unsafe.Add(ref data, b * features * BlockRows);
            Vector512<float> s0 = default, s1 = default;
            for (int f = 0; f < features; f++)
            {
                Vector512<float> x = Vector512.Create(Unsafe.Add(ref q, f));
                nuint o = (nuint)(f * BlockRows);
                Vector512<float> d0 = Vector512.LoadUnsafe(ref block, o) - x;
                Vector512<float> d1 = Vector512.LoadUnsafe(ref block, o + 16) - x;
                s0 += d0 * d0;
                s1 += d1 * d1;
            }
            s0.StoreUnsafe(ref output, (nuint)(b * BlockRows));
            s1.StoreUnsafe(ref output, (nuint)(b * BlockRows + 16));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SquaredDistances256(ref float data, ref float q, ref float output, int blocks, int features)
    {
        for (int b = 0; b < blocks; b++)
        {
            ref float block = ref Unsafe.Add(ref data, b * features * BlockRows);
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int f = 0; f < features; f++)
            {
                Vector256<float> x = Vector256.Create(Unsafe.Add(ref q, f));
                nuint o = (nuint)(f * BlockRows);
                Vector256<float> d0 = Vector256.LoadUnsafe(ref block, o) - x;
                Vector256<float> d1 = Vector256.LoadUnsafe(ref block, o + 8) - x;
                Vector256<float> d2 = Vector256.LoadUnsafe(ref block, o + 16) - x;
                Vector256<float> d3 = Vector256.LoadUnsafe(ref block, o + 24) - x;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            nuint at = (nuint)(b * BlockRows);
            s0.StoreUnsafe(ref output, at);
            s1.StoreUnsafe(ref output, at + 8);
            s2.StoreUnsafe(ref output, at + 16);
            s3.StoreUnsafe(ref output, at + 24);
        }
    }

    // Eight 4-lane accumulators cover a block of 32 rows: 8 of the 16 SSE registers, the rest for operands.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SquaredDistances128(ref float data, ref float q, ref float output, int blocks, int features)
    {
        for (int b = 0; b < blocks; b++)
        {
            ref float block = ref Unsafe.Add(ref data, b * features * BlockRows);
            Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            for (int f = 0; f < features; f++)
            {
                Vector128<float> x = Vector128.Create(Unsafe.Add(ref q, f));
                nuint o = (nuint)(f * BlockRows);
                Vector128<float> d0 = Vector128.LoadUnsafe(ref block, o) - x;
                Vector128<float> d1 = Vector128.LoadUnsafe(ref block, o + 4) - x;
                Vector128<float> d2 = Vector128.LoadUnsafe(ref block, o + 8) - x;
                Vector128<float> d3 = Vector128.LoadUnsafe(ref block, o + 12) - x;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
                d0 = Vector128.LoadUnsafe(ref block, o + 16) - x;
                d1 = Vector128.LoadUnsafe(ref block, o + 20) - x;
                d2 = Vector128.LoadUnsafe(ref block, o + 24) - x;
                d3 = Vector128.LoadUnsafe(ref block, o + 28) - x;
                s4 += d0 * d0;
                s5 += d1 * d1;
                s6 += d2 * d2;
                s7 += d3 * d3;
            }
            nuint at = (nuint)(b * BlockRows);
            s0.StoreUnsafe(ref output, at);
            s1.StoreUnsafe(ref output, at + 4);
            s2.StoreUnsafe(ref output, at + 8);
            s3.StoreUnsafe(ref output, at + 12);
            s4.StoreUnsafe(ref output, at + 16);
            s5.StoreUnsafe(ref output, at + 20);
            s6.StoreUnsafe(ref output, at + 24);
            s7.StoreUnsafe(ref output, at + 28);
        }
    }

    private static void SquaredDistancesScalar(ref float data, ref float q, ref float output, int blocks, int features)
    {
        for (int b = 0; b < blocks; b++)
        {
            ref float block = ref Unsafe.Add(ref data, b * features * BlockRows);
            ref float sums = ref Unsafe.Add(ref output, b * BlockRows);
            for (int lane = 0; lane < BlockRows; lane++) Unsafe.Add(ref sums, lane) = 0;
            for (int f = 0; f < features; f++)
            {
                float x = Unsafe.Add(ref q, f);
                ref float column = ref Unsafe.Add(ref block, f * BlockRows);
                for (int lane = 0; lane < BlockRows; lane++)
                {
                    float d = Unsafe.Add(ref column, lane) - x;
                    Unsafe.Add(ref sums, lane) += d * d;
                }
            }
        }
    }
}
