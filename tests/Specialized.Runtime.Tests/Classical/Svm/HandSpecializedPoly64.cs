using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>
/// Written by hand as the generator is to emit the kernel of
/// <c>[KernelSvm(Features = 64, Kernel = SvmKernel.Polynomial, Degree = 3, Gamma = 0.001, Coef0 = 0, C = 10)]</c>:
/// K(u, v) = (0.001·u·v + 0)³ for exactly 64 features. Same blocking as <see cref="HandSpecializedRbf64"/>
/// (four vectors per step, one FMA chain each, horizontal-add reduction), with the dot product in place
/// of the squared distance and the power unrolled for the constant degree (t·t·t; a zero Coef0 drops its add).
/// </summary>
public readonly struct HandSpecializedPoly64 : ISvmKernel
{
    public const int FeatureCount = 64;
    public const int RowStride = 64;
    private const float GammaF = 0.001f;

    public int Features => FeatureCount;
    public int Stride => RowStride;
    public SvmKernel Kind => SvmKernel.Polynomial;
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
            throw new ArgumentException("EvaluateRow needs x of 64 floats, count × 64 floats of vectors and count results.");
        if (count == 0) return;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float vr = ref MemoryMarshal.GetReference(vectors);
        ref float rr = ref MemoryMarshal.GetReference(result);
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 4 <= count; j += 4)
            {
                ref float v0 = ref Unsafe.Add(ref vr, (nuint)j * RowStride);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (nuint f = 0; f < FeatureCount; f += 8) // constant trip count: the generator writes the 8 steps out
                {
                    var xv = Vector256.LoadUnsafe(ref xr, f);
                    a0 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref v0, f), a0);
                    a1 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref v0, RowStride + f), a1);
                    a2 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref v0, 2 * RowStride + f), a2);
                    a3 = Vector256.FusedMultiplyAdd(xv, Vector256.LoadUnsafe(ref v0, 3 * RowStride + f), a3);
                }
                Vector128<float> dots;
                if (Avx.IsSupported)
                {
                    var s = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
                    dots = s.GetLower() + s.GetUpper();
                }
                else
                {
                    dots = Vector128.Create(Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3));
                }
                var t = dots * GammaF;
                (t * t * t).StoreUnsafe(ref rr, (nuint)j);
            }
        }
        for (; j < count; j++)
        {
            ref float v0 = ref Unsafe.Add(ref vr, (nuint)j * RowStride);
            float dot = 0;
            for (int f = 0; f < FeatureCount; f++) dot = MathF.FusedMultiplyAdd(Unsafe.Add(ref xr, f), Unsafe.Add(ref v0, f), dot);
            float t = dot * GammaF;
            Unsafe.Add(ref rr, j) = t * t * t;
        }
    }
}
