using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Specialized.Kernels;

namespace Specialized.Benchmarks.Widths;

/// <summary>
/// The machine's own limit for the widest-versus-128-bit comparison: independent multiply-add chains that
/// live in registers (no loads, no stores), run on the widest accelerated register through the same
/// <see cref="IFloatRegister{TSelf}"/> the kernels use. A compute-bound kernel cannot be closer to the widest
/// path on the 128-bit job than this row is; on x86-64-v2 the 128-bit job has a quarter of AVX-512's lanes and
/// no fused multiply-add, so a multiply-add costs two instructions. Twelve chains hide the multiply-add latency
/// on every width (4 cycles × 2 pipes needs at least 8).
/// </summary>
public static class MultiplyAddCeiling
{
    /// <summary>Runs <paramref name="rounds"/> × 12 vector multiply-adds and returns a value that depends on all of them.</summary>
    public static float Run(int rounds, float scale) =>
        Vector512.IsHardwareAccelerated ? Run<Float512>(rounds, scale)
        : Vector256.IsHardwareAccelerated ? Run<Float256>(rounds, scale)
        : Run<Float128>(rounds, scale);

    /// <summary>Multiply-adds per round on the path this process takes: 12 chains × its lanes.</summary>
    public static int LanesPerRound =>
        12 * (Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run<TReg>(int rounds, float scale) where TReg : struct, IFloatRegister<TReg>
    {
        TReg m = TReg.Broadcast(scale), c = TReg.Broadcast(1e-7f);
        TReg a0 = TReg.Broadcast(0.10f), a1 = TReg.Broadcast(0.11f), a2 = TReg.Broadcast(0.12f), a3 = TReg.Broadcast(0.13f),
            a4 = TReg.Broadcast(0.14f), a5 = TReg.Broadcast(0.15f), a6 = TReg.Broadcast(0.16f), a7 = TReg.Broadcast(0.17f),
            a8 = TReg.Broadcast(0.18f), a9 = TReg.Broadcast(0.19f), a10 = TReg.Broadcast(0.20f), a11 = TReg.Broadcast(0.21f);
        for (int r = 0; r < rounds; r++)
        {
            a0 = TReg.MultiplyAdd(a0, m, c); a1 = TReg.MultiplyAdd(a1, m, c); a2 = TReg.MultiplyAdd(a2, m, c);
            a3 = TReg.MultiplyAdd(a3, m, c); a4 = TReg.MultiplyAdd(a4, m, c); a5 = TReg.MultiplyAdd(a5, m, c);
            a6 = TReg.MultiplyAdd(a6, m, c); a7 = TReg.MultiplyAdd(a7, m, c); a8 = TReg.MultiplyAdd(a8, m, c);
            a9 = TReg.MultiplyAdd(a9, m, c); a10 = TReg.MultiplyAdd(a10, m, c); a11 = TReg.MultiplyAdd(a11, m, c);
        }
        return TReg.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
