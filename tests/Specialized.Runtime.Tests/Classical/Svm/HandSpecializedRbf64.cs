using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>
/// Written by hand exactly as the generator is to emit the kernel of
/// <c>[KernelSvm(Features = 64, Kernel = SvmKernel.Rbf, Gamma = 0.001, C = 10)] partial class DigitsSvm</c>
/// (as the nested <c>DigitsSvm.Kernel</c>): K(u, v) = exp(−0.001·|u − v|²) for exactly 64 features.
/// Every size is a constant: 64 = 8 × Vector256 = 4 × Vector512, so there is no feature tail and the
/// stride is 64 (no padding). Four support vectors per step, one accumulator each (four independent
/// FMA chains; the subtraction shares the FMA ports, so four chains already saturate them); the four
/// sums reduced together by horizontal adds into one Vector128 and stored at once; then a second
/// pass takes exp(−γ·d²) eight (sixteen) at a time. Paths: 512-bit, 256-bit, scalar, chosen per call.
/// </summary>
public readonly struct HandSpecializedRbf64 : ISvmKernel
{
    public const int FeatureCount = 64;
    public const int RowStride = 64;
    private const float NegativeGamma = -0.001f;

    public int Features => FeatureCount;
    public int Stride => RowStride;
    public SvmKernel Kind => SvmKernel.Rbf;
    public double Gamma => 0.001;
    public double Coef0 => 0;
    public int Degree => 3;

    public float Evaluate(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float value = 0;
        EvaluateRow(a, b, 1, new Span<float>(ref value));
        return value;
    }

    public void EvaluateRow(ReadOnlySpan<float> x, ReadOnlySpan<float> vectors, int count, Span<float> result)
    {
        if (x.Length < FeatureCount || count < 0 || vectors.Length < (long)(count - 1) * RowStride + FeatureCount || result.Length < count)
            ThrowTooShort();
        if (count == 0) return;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float vr = ref MemoryMarshal.GetReference(vectors);
        ref float rr = ref MemoryMarshal.GetReference(result);
        if (Vector512.IsHardwareAccelerated) SquaredDistances512(ref xr, ref vr, count, ref rr);
        else if (Vector256.IsHardwareAccelerated) SquaredDistances256(ref xr, ref vr, count, ref rr);
        else SquaredDistancesScalar(ref xr, ref vr, count, ref rr);
        ExpOfScaled(ref rr, count);
    }

    // |x − v_j|² for 4 vectors per step: 8 chunks of 8 features, one accumulator per vector.
    internal static void SquaredDistances256(ref float x, ref float v, int count, ref float result)
    {
        int j = 0;
        for (; j + 4 <= count; j += 4)
        {
            ref float v0 = ref Unsafe.Add(ref v, (nuint)j * RowStride);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            Step256(ref x, ref v0, 0, ref a0, ref a1, ref a2, ref a3);
            Step256(ref x, ref v0, 8, ref a0, ref a1, ref a2, ref a3);
            Step256(ref x, ref v0, 16, ref a0, ref a1, ref a2, ref a3);
            Step256(ref x, ref v0, 24, ref a0, ref a1, ref a2, ref a3);
            Step256(ref x, ref v0, 32, ref a0, ref a1, ref a2, ref a3);
            Step256(ref x, ref v0, 40, ref a0, ref a1, ref a2, ref a3);
            Step256(ref x, ref v0, 48, ref a0, ref a1, ref a2, ref a3);
            Step256(ref x, ref v0, 56, ref a0, ref a1, ref a2, ref a3);
            Sum4(a0, a1, a2, a3).StoreUnsafe(ref result, (nuint)j);
        }
        for (; j < count; j++)
        {
            ref float v0 = ref Unsafe.Add(ref v, (nuint)j * RowStride);
            Vector256<float> a = default;
            for (nuint f = 0; f < FeatureCount; f += 8)
            {
                var d = Vector256.LoadUnsafe(ref x, f) - Vector256.LoadUnsafe(ref v0, f);
                a = Vector256.FusedMultiplyAdd(d, d, a);
            }
            Unsafe.Add(ref result, j) = Vector256.Sum(a);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step256(ref float x, ref float v0, nuint f,
        ref Vector256<float> a0, ref Vector256<float> a1, ref Vector256<float> a2, ref Vector256<float> a3)
    {
        var xv = Vector256.LoadUnsafe(ref x, f);
        var d0 = xv - Vector256.LoadUnsafe(ref v0, f);
        var d1 = xv - Vector256.LoadUnsafe(ref v0, RowStride + f);
        var d2 = xv - Vector256.LoadUnsafe(ref v0, 2 * RowStride + f);
        var d3 = xv - Vector256.LoadUnsafe(ref v0, 3 * RowStride + f);
        a0 = Vector256.FusedMultiplyAdd(d0, d0, a0);
        a1 = Vector256.FusedMultiplyAdd(d1, d1, a1);
        a2 = Vector256.FusedMultiplyAdd(d2, d2, a2);
        a3 = Vector256.FusedMultiplyAdd(d3, d3, a3);
    }

    // The lane sums of four accumulators as one vector: three horizontal adds and one fold of the halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        if (Avx.IsSupported)
        {
            var s = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
            return s.GetLower() + s.GetUpper();
        }
        return Vector128.Create(Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3));
    }

    // The same with 4 chunks of 16 features; each accumulator folded to 256 bits before the shared reduction.
    internal static void SquaredDistances512(ref float x, ref float v, int count, ref float result)
    {
        int j = 0;
        for (; j + 4 <= count; j += 4)
        {
            ref float v0 = ref Unsafe.Add(ref v, (nuint)j * RowStride);
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            Step512(ref x, ref v0, 0, ref a0, ref a1, ref a2, ref a3);
            Step512(ref x, ref v0, 16, ref a0, ref a1, ref a2, ref a3);
            Step512(ref x, ref v0, 32, ref a0, ref a1, ref a2, ref a3);
            Step512(ref x, ref v0, 48, ref a0, ref a1, ref a2, ref a3);
            Sum4(a0.GetLower() + a0.GetUpper(), a1.GetLower() + a1.GetUpper(),
                 a2.GetLower() + a2.GetUpper(), a3.GetLower() + a3.GetUpper()).StoreUnsafe(ref result, (nuint)j);
        }
        for (; j < count; j++)
        {
            ref float v0 = ref Unsafe.Add(ref v, (nuint)j * RowStride);
            Vector512<float> a = default;
            for (nuint f = 0; f < FeatureCount; f += 16)
            {
                var d = Vector512.LoadUnsafe(ref x, f) - Vector512.LoadUnsafe(ref v0, f);
                a = Vector512.FusedMultiplyAdd(d, d, a);
            }
            Unsafe.Add(ref result, j) = Vector512.Sum(a);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step512(ref float x, ref float v0, nuint f,
        ref Vector512<float> a0, ref Vector512<float> a1, ref Vector512<float> a2, ref Vector512<float> a3)
    {
        var xv = Vector512.LoadUnsafe(ref x, f);
        var d0 = xv - Vector512.LoadUnsafe(ref v0, f);
        var d1 = xv - Vector512.LoadUnsafe(ref v0, RowStride + f);
        var d2 = xv - Vector512.LoadUnsafe(ref v0, 2 * RowStride + f);
        var d3 = xv - Vector512.LoadUnsafe(ref v0, 3 * RowStride + f);
        a0 = Vector512.FusedMultiplyAdd(d0, d0, a0);
        a1 = Vector512.FusedMultiplyAdd(d1, d1, a1);
        a2 = Vector512.FusedMultiplyAdd(d2, d2, a2);
        a3 = Vector512.FusedMultiplyAdd(d3, d3, a3);
    }

    internal static void SquaredDistancesScalar(ref float x, ref float v, int count, ref float result)
    {
        for (int j = 0; j < count; j++)
        {
            ref float v0 = ref Unsafe.Add(ref v, (nuint)j * RowStride);
            float sum = 0;
            for (int f = 0; f < FeatureCount; f++)
            {
                float d = Unsafe.Add(ref x, f) - Unsafe.Add(ref v0, f);
                sum = MathF.FusedMultiplyAdd(d, d, sum);
            }
            Unsafe.Add(ref result, j) = sum;
        }
    }

    // result[j] = exp(−γ·result[j]), a whole vector at a time.
    private static void ExpOfScaled(ref float result, int count)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= count; j += 16)
                Vector512.Exp(Vector512.LoadUnsafe(ref result, (nuint)j) * NegativeGamma).StoreUnsafe(ref result, (nuint)j);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= count; j += 8)
                Vector256.Exp(Vector256.LoadUnsafe(ref result, (nuint)j) * NegativeGamma).StoreUnsafe(ref result, (nuint)j);
        }
        for (; j < count; j++) Unsafe.Add(ref result, j) = MathF.Exp(NegativeGamma * Unsafe.Add(ref result, j));
    }

    private static void ThrowTooShort() =>
        throw new ArgumentException("EvaluateRow needs x of 64 floats, count × 64 floats of vectors and count results.");
}
