using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// Reads an array once with the widest vectors the runtime accelerates and four independent sums, so the
/// time is the time the data takes to arrive, not the latency of one chain of additions: the floor under
/// any kernel that must read the same floats.
/// </summary>
public static class WeightStream
{
    /// <summary>The sum of <paramref name="values"/> (order: four interleaved vector sums, then the tail).</summary>
    public static float Sum(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int n = values.Length, i = 0;
        float total = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i + 64 <= n; i += 64)
            {
                s0 += Vector512.LoadUnsafe(ref start, (nuint)i);
                s1 += Vector512.LoadUnsafe(ref start, (nuint)(i + 16));
                s2 += Vector512.LoadUnsafe(ref start, (nuint)(i + 32));
                s3 += Vector512.LoadUnsafe(ref start, (nuint)(i + 48));
            }
            total = Vector512.Sum((s0 + s1) + (s2 + s3));
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; i + 32 <= n; i += 32)
            {
                s0 += Vector256.LoadUnsafe(ref start, (nuint)i);
                s1 += Vector256.LoadUnsafe(ref start, (nuint)(i + 8));
                s2 += Vector256.LoadUnsafe(ref start, (nuint)(i + 16));
                s3 += Vector256.LoadUnsafe(ref start, (nuint)(i + 24));
            }
            total = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        for (; i < n; i++) total += Unsafe.Add(ref start, i);
        return total;
    }
}
