using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.Benchmarks.Widths;

/// <summary>
/// The machine's own limit for the widest-versus-128-bit comparison: independent multiply-add chains that
/// live in registers (no loads, no stores), run on the widest accelerated vector. A compute-bound kernel
/// cannot be closer to the widest path on the 128-bit job than this row is; on x86-64-v2 the 128-bit job
/// has a quarter of AVX-512's lanes and no fused multiply-add, so a multiply-add costs two instructions.
/// Twelve chains hide the multiply-add latency on every width (4 cycles × 2 pipes needs at least 8).
/// </summary>
public static class MultiplyAddCeiling
{
    /// <summary>Runs <paramref name="rounds"/> × 12 vector multiply-adds and returns a value that depends on all of them.</summary>
    public static float Run(int rounds, float scale)
    {
        if (Vector512.IsHardwareAccelerated) return Run512(rounds, scale);
        if (Vector256.IsHardwareAccelerated) return Run256(rounds, scale);
        return Run128(rounds, scale);
    }

    /// <summary>Multiply-adds per round on the path this process takes: 12 chains × its lanes.</summary>
    public static int LanesPerRound =>
        12 * (Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run512(int rounds, float scale)
    {
        Vector512<float> m = Vector512.Create(scale), c = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(0.10f), a1 = Vector512.Create(0.11f), a2 = Vector512.Create(0.12f),
            a3 = Vector512.Create(0.13f), a4 = Vector512.Create(0.14f), a5 = Vector512.Create(0.15f),
            a6 = Vector512.Create(0.16f), a7 = Vector512.Create(0.17f), a8 = Vector512.Create(0.18f),
            a9 = Vector512.Create(0.19f), a10 = Vector512.Create(0.20f), a11 = Vector512.Create(0.21f);
        for (int r = 0; r < rounds; r++)
        {
            a0 = Vector512.MultiplyAddEstimate(a0, m, c); a1 = Vector512.MultiplyAddEstimate(a1, m, c);
            a2 = Vector512.MultiplyAddEstimate(a2, m, c); a3 = Vector512.MultiplyAddEstimate(a3, m, c);
            a4 = Vector512.MultiplyAddEstimate(a4, m, c); a5 = Vector512.MultiplyAddEstimate(a5, m, c);
            a6 = Vector512.MultiplyAddEstimate(a6, m, c); a7 = Vector512.MultiplyAddEstimate(a7, m, c);
            a8 = Vector512.MultiplyAddEstimate(a8, m, c); a9 = Vector512.MultiplyAddEstimate(a9, m, c);
            a10 = Vector512.MultiplyAddEstimate(a10, m, c); a11 = Vector512.MultiplyAddEstimate(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run256(int rounds, float scale)
    {
        Vector256<float> m = Vector256.Create(scale), c = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(0.10f), a1 = Vector256.Create(0.11f), a2 = Vector256.Create(0.12f),
            a3 = Vector256.Create(0.13f), a4 = Vector256.Create(0.14f), a5 = Vector256.Create(0.15f),
            a6 = Vector256.Create(0.16f), a7 = Vector256.Create(0.17f), a8 = Vector256.Create(0.18f),
            a9 = Vector256.Create(0.19f), a10 = Vector256.Create(0.20f), a11 = Vector256.Create(0.21f);
        for (int r = 0; r < rounds; r++)
        {
            a0 = Vector256.MultiplyAddEstimate(a0, m, c); a1 = Vector256.MultiplyAddEstimate(a1, m, c);
            a2 = Vector256.MultiplyAddEstimate(a2, m, c); a3 = Vector256.MultiplyAddEstimate(a3, m, c);
            a4 = Vector256.MultiplyAddEstimate(a4, m, c); a5 = Vector256.MultiplyAddEstimate(a5, m, c);
            a6 = Vector256.MultiplyAddEstimate(a6, m, c); a7 = Vector256.MultiplyAddEstimate(a7, m, c);
            a8 = Vector256.MultiplyAddEstimate(a8, m, c); a9 = Vector256.MultiplyAddEstimate(a9, m, c);
            a10 = Vector256.MultiplyAddEstimate(a10, m, c); a11 = Vector256.MultiplyAddEstimate(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run128(int rounds, float scale)
    {
        Vector128<float> m = Vector128.Create(scale), c = Vector128.Create(1e-7f);
        Vector128<float> a0 = Vector128.Create(0.10f), a1 = Vector128.Create(0.11f), a2 = Vector128.Create(0.12f),
            a3 = Vector128.Create(0.13f), a4 = Vector128.Create(0.14f), a5 = Vector128.Create(0.15f),
            a6 = Vector128.Create(0.16f), a7 = Vector128.Create(0.17f), a8 = Vector128.Create(0.18f),
            a9 = Vector128.Create(0.19f), a10 = Vector128.Create(0.20f), a11 = Vector128.Create(0.21f);
        for (int r = 0; r < rounds; r++)
        {
            a0 = Vector128.MultiplyAddEstimate(a0, m, c); a1 = Vector128.MultiplyAddEstimate(a1, m, c);
            a2 = Vector128.MultiplyAddEstimate(a2, m, c); a3 = Vector128.MultiplyAddEstimate(a3, m, c);
            a4 = Vector128.MultiplyAddEstimate(a4, m, c); a5 = Vector128.MultiplyAddEstimate(a5, m, c);
            a6 = Vector128.MultiplyAddEstimate(a6, m, c); a7 = Vector128.MultiplyAddEstimate(a7, m, c);
            a8 = Vector128.MultiplyAddEstimate(a8, m, c); a9 = Vector128.MultiplyAddEstimate(a9, m, c);
            a10 = Vector128.MultiplyAddEstimate(a10, m, c); a11 = Vector128.MultiplyAddEstimate(a11, m, c);
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
