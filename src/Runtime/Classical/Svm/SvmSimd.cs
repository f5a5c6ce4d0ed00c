using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized;

/// <summary>
/// The vector loops behind <see cref="RuntimeKernel"/> and the SMO solver, for any feature count:
/// a 512-bit path, a 256-bit path and scalar, chosen once per call by what the hardware accelerates.
/// Each path sums in a fixed order, so results repeat run to run (paths differ within float rounding).
/// </summary>
internal static class SvmSimd
{
    /// <summary>
    /// <c>result[j] = x·v_j</c> (or <c>|x−v_j|²</c> when <paramref name="distance"/>) for
    /// <paramref name="count"/> vectors stored <paramref name="stride"/> floats apart, four vectors per
    /// step so each load of <paramref name="x"/> feeds four accumulators.
    /// </summary>
    public static void Row(bool distance, ReadOnlySpan<float> x, ReadOnlySpan<float> vectors, int stride, int count, int features, Span<float> result)
    {
        if (count == 0) return;
        if ((uint)features > (uint)x.Length || (long)(count - 1) * stride + features > vectors.Length || result.Length < count)
            throw new ArgumentException("SvmSimd.Row: the spans are too short for the requested rows.");
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float vr = ref MemoryMarshal.GetReference(vectors);
        ref float rr = ref MemoryMarshal.GetReference(result);
        var width = Vector512.IsHardwareAccelerated && features >= Vector512<float>.Count ? VectorWidth.Bits512
            : Vector256.IsHardwareAccelerated && features >= Vector256<float>.Count ? VectorWidth.Bits256
            : VectorWidth.Scalar;
        if (distance) RowCore<DistanceTerm>(width, ref xr, ref vr, stride, count, features, ref rr);
        else RowCore<ProductTerm>(width, ref xr, ref vr, stride, count, features, ref rr);
    }

    /// <summary>Which code path <see cref="Row"/> takes; tests force each one (Vector512 runs in software where not accelerated).</summary>
    internal enum VectorWidth { Scalar, Bits256, Bits512 }

    /// <summary><see cref="Row"/> on a chosen path, for tests of every path on any machine.</summary>
    internal static void RowOnPath(VectorWidth width, bool distance, ReadOnlySpan<float> x, ReadOnlySpan<float> vectors, int stride, int count, int features, Span<float> result)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float vr = ref MemoryMarshal.GetReference(vectors);
        ref float rr = ref MemoryMarshal.GetReference(result);
        if (distance) RowCore<DistanceTerm>(width, ref xr, ref vr, stride, count, features, ref rr);
        else RowCore<ProductTerm>(width, ref xr, ref vr, stride, count, features, ref rr);
    }

    /// <summary><c>a·b</c> or <c>|a−b|²</c> over <paramref name="features"/> elements.</summary>
    public static float Pair(bool distance, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int features)
    {
        if ((uint)features > (uint)a.Length || (uint)features > (uint)b.Length)
            throw new ArgumentException("SvmSimd.Pair: the spans are shorter than the feature count.");
        float value = 0;
        Row(distance, a, b, features, 1, features, new Span<float>(ref value));
        return value;
    }

    private static void RowCore<TTerm>(VectorWidth width, ref float x, ref float v, int stride, int count, int features, ref float result)
        where TTerm : struct, ITerm
    {
        int j = 0;
        nuint s = (nuint)stride;
        if (width == VectorWidth.Bits512 && features >= Vector512<float>.Count)
        {
            int vectorEnd = features - features % Vector512<float>.Count;
            for (; j + 4 <= count; j += 4)
            {
                ref float v0 = ref Unsafe.Add(ref v, (nuint)j * s);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                int f = 0;
                for (; f < vectorEnd; f += Vector512<float>.Count)
                {
                    var xv = Vector512.LoadUnsafe(ref x, (nuint)f);
                    a0 = TTerm.Accumulate(a0, xv, Vector512.LoadUnsafe(ref v0, (nuint)f));
                    a1 = TTerm.Accumulate(a1, xv, Vector512.LoadUnsafe(ref v0, s + (nuint)f));
                    a2 = TTerm.Accumulate(a2, xv, Vector512.LoadUnsafe(ref v0, 2 * s + (nuint)f));
                    a3 = TTerm.Accumulate(a3, xv, Vector512.LoadUnsafe(ref v0, 3 * s + (nuint)f));
                }
                Unsafe.Add(ref result, j) = Vector512.Sum(a0) + Tail<TTerm>(ref x, ref v0, f, features);
                Unsafe.Add(ref result, j + 1) = Vector512.Sum(a1) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, s), f, features);
                Unsafe.Add(ref result, j + 2) = Vector512.Sum(a2) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, 2 * s), f, features);
                Unsafe.Add(ref result, j + 3) = Vector512.Sum(a3) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, 3 * s), f, features);
            }
            for (; j < count; j++)
            {
                ref float v0 = ref Unsafe.Add(ref v, (nuint)j * s);
                Vector512<float> a0 = default;
                int f = 0;
                for (; f < vectorEnd; f += Vector512<float>.Count)
                    a0 = TTerm.Accumulate(a0, Vector512.LoadUnsafe(ref x, (nuint)f), Vector512.LoadUnsafe(ref v0, (nuint)f));
                Unsafe.Add(ref result, j) = Vector512.Sum(a0) + Tail<TTerm>(ref x, ref v0, f, features);
            }
        }
        else if (width == VectorWidth.Bits256 && features >= Vector256<float>.Count)
        {
            int vectorEnd = features - features % Vector256<float>.Count;
            for (; j + 4 <= count; j += 4)
            {
                ref float v0 = ref Unsafe.Add(ref v, (nuint)j * s);
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                int f = 0;
                for (; f < vectorEnd; f += Vector256<float>.Count)
                {
                    var xv = Vector256.LoadUnsafe(ref x, (nuint)f);
                    a0 = TTerm.Accumulate(a0, xv, Vector256.LoadUnsafe(ref v0, (nuint)f));
                    a1 = TTerm.Accumulate(a1, xv, Vector256.LoadUnsafe(ref v0, s + (nuint)f));
                    a2 = TTerm.Accumulate(a2, xv, Vector256.LoadUnsafe(ref v0, 2 * s + (nuint)f));
                    a3 = TTerm.Accumulate(a3, xv, Vector256.LoadUnsafe(ref v0, 3 * s + (nuint)f));
                }
                Unsafe.Add(ref result, j) = Vector256.Sum(a0) + Tail<TTerm>(ref x, ref v0, f, features);
                Unsafe.Add(ref result, j + 1) = Vector256.Sum(a1) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, s), f, features);
                Unsafe.Add(ref result, j + 2) = Vector256.Sum(a2) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, 2 * s), f, features);
                Unsafe.Add(ref result, j + 3) = Vector256.Sum(a3) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, 3 * s), f, features);
            }
            for (; j < count; j++)
            {
                ref float v0 = ref Unsafe.Add(ref v, (nuint)j * s);
                Vector256<float> a0 = default;
                int f = 0;
                for (; f < vectorEnd; f += Vector256<float>.Count)
                    a0 = TTerm.Accumulate(a0, Vector256.LoadUnsafe(ref x, (nuint)f), Vector256.LoadUnsafe(ref v0, (nuint)f));
                Unsafe.Add(ref result, j) = Vector256.Sum(a0) + Tail<TTerm>(ref x, ref v0, f, features);
            }
        }
        else
        {
            for (; j < count; j++) Unsafe.Add(ref result, j) = Tail<TTerm>(ref x, ref Unsafe.Add(ref v, (nuint)j * s), 0, features);
        }
    }

    private static float Tail<TTerm>(ref float x, ref float v, int from, int to) where TTerm : struct, ITerm
    {
        float sum = 0;
        for (int f = from; f < to; f++) sum = TTerm.Accumulate(sum, Unsafe.Add(ref x, f), Unsafe.Add(ref v, f));
        return sum;
    }

    /// <summary><c>values[i] = exp(scale · values[i])</c>: the RBF kernel from squared distances.</summary>
    public static void ExpScaled(Span<float> values, float scale)
    {
        ref float r = ref MemoryMarshal.GetReference(values);
        int i = 0, n = values.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            var sv = Vector512.Create(scale);
            for (; i + Vector512<float>.Count <= n; i += Vector512<float>.Count)
                Vector512.Exp(Vector512.LoadUnsafe(ref r, (nuint)i) * sv).StoreUnsafe(ref r, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var sv = Vector256.Create(scale);
            for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
                Vector256.Exp(Vector256.LoadUnsafe(ref r, (nuint)i) * sv).StoreUnsafe(ref r, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref r, i) = MathF.Exp(scale * Unsafe.Add(ref r, i));
    }

    /// <summary>
    /// <c>values[i] = (gamma · values[i] + coef0)^degree</c>, the power taken by repeated squaring
    /// like LIBSVM's <c>powi</c>.
    /// </summary>
    public static void Polynomial(Span<float> values, float gamma, float coef0, int degree)
    {
        ref float r = ref MemoryMarshal.GetReference(values);
        int i = 0, n = values.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            var g = Vector256.Create(gamma);
            var c = Vector256.Create(coef0);
            for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            {
                var t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r, (nuint)i), g, c);
                var result = Vector256<float>.One;
                for (int d = degree; d > 0; d >>= 1)
                {
                    if ((d & 1) != 0) result *= t;
                    t *= t;
                }
                result.StoreUnsafe(ref r, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref r, i) = PowInt(gamma * Unsafe.Add(ref r, i) + coef0, degree);
    }

    /// <summary><c>values[i] = tanh(gamma · values[i] + coef0)</c>.</summary>
    public static void Sigmoid(Span<float> values, float gamma, float coef0)
    {
        foreach (ref float value in values) value = MathF.Tanh(gamma * value + coef0);
    }

    /// <summary><paramref name="value"/> to a non-negative integer power by repeated squaring (LIBSVM's <c>powi</c>).</summary>
    public static float PowInt(float value, int degree)
    {
        float result = 1, t = value;
        for (int d = degree; d > 0; d >>= 1)
        {
            if ((d & 1) != 0) result *= t;
            t *= t;
        }
        return result;
    }

    /// <summary>
    /// <c>g[k] += a·qa[k] + b·qb[k]</c> for the first <paramref name="length"/> entries: the SMO gradient
    /// update, float kernel rows widened to double as LIBSVM mixes Qfloat rows into double gradients.
    /// </summary>
    public static void AddTwoRows(Span<double> g, ReadOnlySpan<float> qa, double a, ReadOnlySpan<float> qb, double b, int length)
    {
        if ((uint)length > (uint)g.Length || (uint)length > (uint)qa.Length || (uint)length > (uint)qb.Length)
            throw new ArgumentException("SvmSimd.AddTwoRows: a span is shorter than the length.");
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref float ar = ref MemoryMarshal.GetReference(qa);
        ref float br = ref MemoryMarshal.GetReference(qb);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(a);
            var bv = Vector256.Create(b);
            for (; k + Vector256<float>.Count <= length; k += Vector256<float>.Count)
            {
                var (aLow, aHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref ar, (nuint)k));
                var (bLow, bHigh) = Vector256.Widen(Vector256.LoadUnsafe(ref br, (nuint)k));
                var low = Vector256.LoadUnsafe(ref gr, (nuint)k) + (aLow * av + bLow * bv);
                var high = Vector256.LoadUnsafe(ref gr, (nuint)k + 4) + (aHigh * av + bHigh * bv);
                low.StoreUnsafe(ref gr, (nuint)k);
                high.StoreUnsafe(ref gr, (nuint)k + 4);
            }
        }
        for (; k < length; k++) Unsafe.Add(ref gr, k) += Unsafe.Add(ref ar, k) * a + Unsafe.Add(ref br, k) * b;
    }

    /// <summary><c>g[k] += a·q[k]</c> for the first <paramref name="length"/> entries.</summary>
    public static void AddRow(Span<double> g, ReadOnlySpan<float> q, double a, int length)
    {
        if ((uint)length > (uint)g.Length || (uint)length > (uint)q.Length)
            throw new ArgumentException("SvmSimd.AddRow: a span is shorter than the length.");
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref float qr = ref MemoryMarshal.GetReference(q);
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var av = Vector256.Create(a);
            for (; k + Vector256<float>.Count <= length; k += Vector256<float>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref qr, (nuint)k));
                (Vector256.LoadUnsafe(ref gr, (nuint)k) + low * av).StoreUnsafe(ref gr, (nuint)k);
                (Vector256.LoadUnsafe(ref gr, (nuint)k + 4) + high * av).StoreUnsafe(ref gr, (nuint)k + 4);
            }
        }
        for (; k < length; k++) Unsafe.Add(ref gr, k) += Unsafe.Add(ref qr, k) * a;
    }

    /// <summary><c>Σ coefficients[k] · values[k]</c> in double: one pair's share of a decision value.</summary>
    public static double WeightedSum(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> values)
    {
        if (values.Length < coefficients.Length)
            throw new ArgumentException("SvmSimd.WeightedSum: fewer values than coefficients.");
        ref double cr = ref MemoryMarshal.GetReference(coefficients);
        ref float vr = ref MemoryMarshal.GetReference(values);
        int k = 0, n = coefficients.Length;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> s0 = default, s1 = default;
            for (; k + Vector256<float>.Count <= n; k += Vector256<float>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref vr, (nuint)k));
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref cr, (nuint)k), low, s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref cr, (nuint)k + 4), high, s1);
            }
            sum = Vector256.Sum(s0 + s1);
        }
        for (; k < n; k++) sum += Unsafe.Add(ref cr, k) * Unsafe.Add(ref vr, k);
        return sum;
    }

    /// <summary>One term of a dot product or a squared distance, as scalar and vector code.</summary>
    private interface ITerm
    {
        static abstract float Accumulate(float sum, float x, float v);
        static abstract Vector256<float> Accumulate(Vector256<float> sum, Vector256<float> x, Vector256<float> v);
        static abstract Vector512<float> Accumulate(Vector512<float> sum, Vector512<float> x, Vector512<float> v);
    }

    private readonly struct ProductTerm : ITerm
    {
        public static float Accumulate(float sum, float x, float v) => MathF.FusedMultiplyAdd(x, v, sum);
        public static Vector256<float> Accumulate(Vector256<float> sum, Vector256<float> x, Vector256<float> v) => Vector256.FusedMultiplyAdd(x, v, sum);
        public static Vector512<float> Accumulate(Vector512<float> sum, Vector512<float> x, Vector512<float> v) => Vector512.FusedMultiplyAdd(x, v, sum);
    }

    private readonly struct DistanceTerm : ITerm
    {
        public static float Accumulate(float sum, float x, float v)
        {
            float d = x - v;
            return MathF.FusedMultiplyAdd(d, d, sum);
        }

        public static Vector256<float> Accumulate(Vector256<float> sum, Vector256<float> x, Vector256<float> v)
        {
            var d = x - v;
            return Vector256.FusedMultiplyAdd(d, d, sum);
        }

        public static Vector512<float> Accumulate(Vector512<float> sum, Vector512<float> x, Vector512<float> v)
        {
            var d = x - v;
            return Vector512.FusedMultiplyAdd(d, d, sum);
        }
    }
}
