using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Specialized.Kernels;
using Specialized.LinearAlgebra;

namespace Specialized;

/// <summary>
/// The vector loops behind <see cref="RuntimeKernel"/>, the SMO solver and the predictor, for any
/// feature count: 512-, 256-, 128-bit and scalar paths, the widest accelerated one chosen per call
/// (tests force each). Multiply-adds are fused where the CPU has FMA and split where it has not
/// (x86-64-v2), and the exponential is <see cref="VectorExp"/>: neither falls to a software emulation
/// on the 128-bit path. Each path sums in a fixed order, so results repeat run to run (paths differ
/// within float rounding).
/// </summary>
internal static class SvmSimd
{
    /// <summary>
    /// <c>result[j] = x·v_j</c> (or <c>|x−v_j|²</c> when <paramref name="distance"/>) for
    /// <paramref name="count"/> vectors stored <paramref name="stride"/> floats apart, four vectors per
    /// step so each load of <paramref name="x"/> feeds four accumulators.
    /// </summary>
    public static void Row(bool distance, ReadOnlySpan<float> x, ReadOnlySpan<float> vectors, int stride, int count, int features, Span<float> result, VectorPath path = VectorPath.Auto)
    {
        if (count == 0) return;
        if ((uint)features > (uint)x.Length || (long)(count - 1) * stride + features > vectors.Length || result.Length < count)
            throw new ArgumentException("SvmSimd.Row: the spans are too short for the requested rows.");
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float vr = ref MemoryMarshal.GetReference(vectors);
        ref float rr = ref MemoryMarshal.GetReference(result);
        nuint s = (nuint)stride;
        if (distance)
        {
            switch (VectorPaths.Resolve(path))
            {
                case VectorPath.Vector512: RowCore<DistanceTerm, Float512>(ref xr, ref vr, s, count, features, ref rr); break;
                case VectorPath.Vector256: RowCore<DistanceTerm, Float256>(ref xr, ref vr, s, count, features, ref rr); break;
                case VectorPath.Vector128: RowCore<DistanceTerm, Float128>(ref xr, ref vr, s, count, features, ref rr); break;
                default: RowCore<DistanceTerm, FloatScalar>(ref xr, ref vr, s, count, features, ref rr); break;
            }
        }
        else
        {
            switch (VectorPaths.Resolve(path))
            {
                case VectorPath.Vector512: RowCore<ProductTerm, Float512>(ref xr, ref vr, s, count, features, ref rr); break;
                case VectorPath.Vector256: RowCore<ProductTerm, Float256>(ref xr, ref vr, s, count, features, ref rr); break;
                case VectorPath.Vector128: RowCore<ProductTerm, Float128>(ref xr, ref vr, s, count, features, ref rr); break;
                default: RowCore<ProductTerm, FloatScalar>(ref xr, ref vr, s, count, features, ref rr); break;
            }
        }
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a kernel row is the solver's inner loop from its first call
    private static void RowCore<TTerm, TReg>(ref float x, ref float v, nuint s, int count, int features, ref float result)
        where TTerm : struct, ITerm
        where TReg : struct, IFloatRegister<TReg>
    {
        int width = TReg.Count, vectorEnd = features - features % width, j = 0;
        for (; j + 4 <= count; j += 4)
        {
            ref float v0 = ref Unsafe.Add(ref v, (nuint)j * s);
            TReg a0 = TReg.Zero, a1 = TReg.Zero, a2 = TReg.Zero, a3 = TReg.Zero;
            int f = 0;
            for (; f < vectorEnd; f += width)
            {
                TReg xv = TReg.Load(ref x, (nuint)f);
                a0 = TTerm.Accumulate(a0, xv, TReg.Load(ref v0, (nuint)f));
                a1 = TTerm.Accumulate(a1, xv, TReg.Load(ref v0, s + (nuint)f));
                a2 = TTerm.Accumulate(a2, xv, TReg.Load(ref v0, 2 * s + (nuint)f));
                a3 = TTerm.Accumulate(a3, xv, TReg.Load(ref v0, 3 * s + (nuint)f));
            }
            Unsafe.Add(ref result, j) = TReg.Sum(a0) + Tail<TTerm>(ref x, ref v0, f, features);
            Unsafe.Add(ref result, j + 1) = TReg.Sum(a1) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, s), f, features);
            Unsafe.Add(ref result, j + 2) = TReg.Sum(a2) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, 2 * s), f, features);
            Unsafe.Add(ref result, j + 3) = TReg.Sum(a3) + Tail<TTerm>(ref x, ref Unsafe.Add(ref v0, 3 * s), f, features);
        }
        for (; j < count; j++)
        {
            ref float v0 = ref Unsafe.Add(ref v, (nuint)j * s);
            TReg a0 = TReg.Zero;
            int f = 0;
            for (; f < vectorEnd; f += width) a0 = TTerm.Accumulate(a0, TReg.Load(ref x, (nuint)f), TReg.Load(ref v0, (nuint)f));
            Unsafe.Add(ref result, j) = TReg.Sum(a0) + Tail<TTerm>(ref x, ref v0, f, features);
        }
    }

    private static float Tail<TTerm>(ref float x, ref float v, int from, int to) where TTerm : struct, ITerm
    {
        FloatScalar sum = FloatScalar.Zero;
        for (int f = from; f < to; f++) sum = TTerm.Accumulate(sum, FloatScalar.Load(ref x, (nuint)f), FloatScalar.Load(ref v, (nuint)f));
        return FloatScalar.Sum(sum);
    }

    /// <summary><c>values[i] = exp(scale · values[i])</c>: the RBF kernel from squared distances.</summary>
    public static void ExpScaled(Span<float> values, float scale, VectorPath path = VectorPath.Auto)
    {
        ref float r = ref MemoryMarshal.GetReference(values);
        int i = 0, n = values.Length;
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512:
                for (; i + Vector512<float>.Count <= n; i += Vector512<float>.Count)
                    VectorExp.Exp(Vector512.LoadUnsafe(ref r, (nuint)i) * scale).StoreUnsafe(ref r, (nuint)i);
                break;
            case VectorPath.Vector256:
                for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
                    VectorExp.Exp(Vector256.LoadUnsafe(ref r, (nuint)i) * scale).StoreUnsafe(ref r, (nuint)i);
                break;
            case VectorPath.Vector128:
                for (; i + Vector128<float>.Count <= n; i += Vector128<float>.Count)
                    VectorExp.Exp(Vector128.LoadUnsafe(ref r, (nuint)i) * scale).StoreUnsafe(ref r, (nuint)i);
                break;
        }
        for (; i < n; i++) Unsafe.Add(ref r, i) = MathF.Exp(scale * Unsafe.Add(ref r, i));
    }

    /// <summary>
    /// <c>values[i] = (gamma · values[i] + coef0)^degree</c>, the power taken by repeated squaring
    /// like LIBSVM's <c>powi</c>.
    /// </summary>
    public static void Polynomial(Span<float> values, float gamma, float coef0, int degree, VectorPath path = VectorPath.Auto)
    {
        ref float r = ref MemoryMarshal.GetReference(values);
        int done = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => PolynomialCore<Float512>(ref r, values.Length, gamma, coef0, degree),
            VectorPath.Vector256 => PolynomialCore<Float256>(ref r, values.Length, gamma, coef0, degree),
            VectorPath.Vector128 => PolynomialCore<Float128>(ref r, values.Length, gamma, coef0, degree),
            _ => 0,
        };
        PolynomialCore<FloatScalar>(ref Unsafe.Add(ref r, done), values.Length - done, gamma, coef0, degree);
    }

    /// <summary>Whole registers of <see cref="Polynomial"/> from the start; returns how many values it covered.</summary>
    private static int PolynomialCore<TReg>(ref float r, int n, float gamma, float coef0, int degree) where TReg : struct, IFloatRegister<TReg>
    {
        TReg g = TReg.Broadcast(gamma), c = TReg.Broadcast(coef0), one = TReg.Broadcast(1f);
        int i = 0;
        for (; i + TReg.Count <= n; i += TReg.Count)
        {
            TReg t = TReg.MultiplyAdd(TReg.Load(ref r, (nuint)i), g, c);
            TReg result = one;
            for (int d = degree; d > 0; d >>= 1)
            {
                if ((d & 1) != 0) result *= t;
                t *= t;
            }
            TReg.Store(result, ref r, (nuint)i);
        }
        return i;
    }

    /// <summary><c>values[i] = tanh(gamma · values[i] + coef0)</c>.</summary>
    public static void Sigmoid(Span<float> values, float gamma, float coef0, VectorPath path = VectorPath.Auto)
    {
        ref float r = ref MemoryMarshal.GetReference(values);
        int i = 0, n = values.Length;
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512:
                for (; i + Vector512<float>.Count <= n; i += Vector512<float>.Count)
                    Activations.Tanh(Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref r, (nuint)i), Vector512.Create(gamma), Vector512.Create(coef0))).StoreUnsafe(ref r, (nuint)i);
                break;
            case VectorPath.Vector256:
                for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
                    Activations.Tanh(Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref r, (nuint)i), Vector256.Create(gamma), Vector256.Create(coef0))).StoreUnsafe(ref r, (nuint)i);
                break;
            case VectorPath.Vector128:
                for (; i + Vector128<float>.Count <= n; i += Vector128<float>.Count)
                    Activations.Tanh(Vector128.MultiplyAddEstimate(Vector128.LoadUnsafe(ref r, (nuint)i), Vector128.Create(gamma), Vector128.Create(coef0))).StoreUnsafe(ref r, (nuint)i);
                break;
        }
        for (; i < n; i++) Unsafe.Add(ref r, i) = MathF.Tanh(float.MultiplyAddEstimate(Unsafe.Add(ref r, i), gamma, coef0));
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the solver's per-iteration update and batch prediction's inner call: optimized from the first call
    public static void AddTwoRows(Span<double> g, ReadOnlySpan<float> qa, double a, ReadOnlySpan<float> qb, double b, int length, VectorPath path = VectorPath.Auto)
    {
        if ((uint)length > (uint)g.Length || (uint)length > (uint)qa.Length || (uint)length > (uint)qb.Length)
            throw new ArgumentException("SvmSimd.AddTwoRows: a span is shorter than the length.");
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref float ar = ref MemoryMarshal.GetReference(qa);
        ref float br = ref MemoryMarshal.GetReference(qb);
        int k = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => AddTwoRowsCore<Widen512, Double512>(ref gr, ref ar, a, ref br, b, length),
            VectorPath.Vector256 => AddTwoRowsCore<Widen256, Double256>(ref gr, ref ar, a, ref br, b, length),
            VectorPath.Vector128 => AddTwoRowsCore<Widen128, Double128>(ref gr, ref ar, a, ref br, b, length),
            _ => 0,
        };
        for (; k < length; k++) Unsafe.Add(ref gr, k) += Unsafe.Add(ref ar, k) * a + Unsafe.Add(ref br, k) * b;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddTwoRowsCore<TWiden, TD>(ref double g, ref float qa, double a, ref float qb, double b, int length)
        where TWiden : struct, IWiden<TD>
        where TD : struct, IDoubleLanes<TD>
    {
        TD av = TD.Broadcast(a), bv = TD.Broadcast(b);
        int k = 0, half = TD.Count;
        for (; k + 2 * half <= length; k += 2 * half)
        {
            var (aLow, aHigh) = TWiden.Load(ref qa, (nuint)k);
            var (bLow, bHigh) = TWiden.Load(ref qb, (nuint)k);
            TD.Store(TD.Load(ref g, (nuint)k) + (aLow * av + bLow * bv), ref g, (nuint)k);
            TD.Store(TD.Load(ref g, (nuint)(k + half)) + (aHigh * av + bHigh * bv), ref g, (nuint)(k + half));
        }
        return k;
    }

    /// <summary><c>g[k] += a·q[k]</c> for the first <paramref name="length"/> entries.</summary>
    public static void AddRow(Span<double> g, ReadOnlySpan<float> q, double a, int length, VectorPath path = VectorPath.Auto)
    {
        if ((uint)length > (uint)g.Length || (uint)length > (uint)q.Length)
            throw new ArgumentException("SvmSimd.AddRow: a span is shorter than the length.");
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref float qr = ref MemoryMarshal.GetReference(q);
        int k = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => AddRowCore<Widen512, Double512>(ref gr, ref qr, a, length),
            VectorPath.Vector256 => AddRowCore<Widen256, Double256>(ref gr, ref qr, a, length),
            VectorPath.Vector128 => AddRowCore<Widen128, Double128>(ref gr, ref qr, a, length),
            _ => 0,
        };
        for (; k < length; k++) Unsafe.Add(ref gr, k) += Unsafe.Add(ref qr, k) * a;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddRowCore<TWiden, TD>(ref double g, ref float q, double a, int length)
        where TWiden : struct, IWiden<TD>
        where TD : struct, IDoubleLanes<TD>
    {
        TD av = TD.Broadcast(a);
        int k = 0, half = TD.Count;
        for (; k + 2 * half <= length; k += 2 * half)
        {
            var (low, high) = TWiden.Load(ref q, (nuint)k);
            TD.Store(TD.Load(ref g, (nuint)k) + low * av, ref g, (nuint)k);
            TD.Store(TD.Load(ref g, (nuint)(k + half)) + high * av, ref g, (nuint)(k + half));
        }
        return k;
    }

    /// <summary><c>Σ coefficients[k] · values[k]</c> in double: one pair's share of a decision value.</summary>
    public static double WeightedSum(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> values, VectorPath path = VectorPath.Auto)
    {
        if (values.Length < coefficients.Length)
            throw new ArgumentException("SvmSimd.WeightedSum: fewer values than coefficients.");
        ref double cr = ref MemoryMarshal.GetReference(coefficients);
        ref float vr = ref MemoryMarshal.GetReference(values);
        int n = coefficients.Length;
        return VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => WeightedSumCore<Widen512, Double512>(ref cr, ref vr, n),
            VectorPath.Vector256 => WeightedSumCore<Widen256, Double256>(ref cr, ref vr, n),
            VectorPath.Vector128 => WeightedSumCore<Widen128, Double128>(ref cr, ref vr, n),
            _ => WeightedSumCore<WidenScalar, ScalarDouble>(ref cr, ref vr, n),
        };
    }

    /// <summary>
    /// The predictor's shares of every decision value for one sample, in one call: for each class c (its
    /// <paramref name="counts"/>[c] support vectors from <paramref name="starts"/>[c]) and each of the k − 1 rows r
    /// of dual coefficients (<paramref name="coefficients"/> is (k − 1) × n), <c>partial[c·(k − 1) + r] =
    /// Σ coefficients[r·n + s] · values[s]</c> over the class's vectors s. One optimized loop nest per sample,
    /// where one call per pair would run as unoptimized tier-0 code through a fresh process's first predictions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the optimized caller: one method fewer to compile before a first prediction
    public static void PartialSums(ReadOnlySpan<double> coefficients, ReadOnlySpan<float> values, ReadOnlySpan<int> starts, ReadOnlySpan<int> counts,
        Span<double> partial, VectorPath path = VectorPath.Auto)
    {
        int k = starts.Length, n = values.Length;
        if (counts.Length != k || partial.Length < k * (k - 1) || coefficients.Length < (k - 1) * n) ThrowPartialSumsMismatch();
        for (int c = 0; c < k; c++)
        {
            if (starts[c] < 0 || counts[c] < 0 || starts[c] + counts[c] > n) ThrowPartialSumsMismatch();
        }
        ref double cr = ref MemoryMarshal.GetReference(coefficients);
        ref float vr = ref MemoryMarshal.GetReference(values);
        ref int sr = ref MemoryMarshal.GetReference(starts);
        ref int nr = ref MemoryMarshal.GetReference(counts);
        ref double pr = ref MemoryMarshal.GetReference(partial);
        switch (VectorPaths.Resolve(path))
        {
            case VectorPath.Vector512: PartialSumsCore<Widen512, Double512>(ref cr, ref vr, ref sr, ref nr, k, n, ref pr); break;
            case VectorPath.Vector256: PartialSumsCore<Widen256, Double256>(ref cr, ref vr, ref sr, ref nr, k, n, ref pr); break;
            case VectorPath.Vector128: PartialSumsCore<Widen128, Double128>(ref cr, ref vr, ref sr, ref nr, k, n, ref pr); break;
            default: PartialSumsCore<WidenScalar, ScalarDouble>(ref cr, ref vr, ref sr, ref nr, k, n, ref pr); break;
        }
    }

    private static void ThrowPartialSumsMismatch() =>
        throw new ArgumentException("SvmSimd.PartialSums: the spans do not fit the class and support-vector counts (coefficients (k − 1) × n, k starts and counts within the n values, k·(k − 1) partial sums).");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per predicted sample from the first one
    private static void PartialSumsCore<TWiden, TD>(ref double coefficients, ref float values, ref int starts, ref int counts, int k, int n, ref double partial)
        where TWiden : struct, IWiden<TD>
        where TD : struct, IDoubleLanes<TD>
    {
        for (int c = 0; c < k; c++)
        {
            int start = Unsafe.Add(ref starts, c), count = Unsafe.Add(ref counts, c);
            ref float v = ref Unsafe.Add(ref values, start);
            for (int r = 0; r < k - 1; r++)
                Unsafe.Add(ref partial, c * (k - 1) + r) = WeightedSumCore<TWiden, TD>(ref Unsafe.Add(ref coefficients, r * n + start), ref v, count);
        }
    }

    // Two accumulators over pairs of registers, then the scalar tail in order: the same sum on every call of a width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WeightedSumCore<TWiden, TD>(ref double c, ref float v, int n)
        where TWiden : struct, IWiden<TD>
        where TD : struct, IDoubleLanes<TD>
    {
        TD s0 = TD.Zero, s1 = TD.Zero;
        int k = 0, half = TD.Count;
        for (; k + 2 * half <= n; k += 2 * half)
        {
            var (low, high) = TWiden.Load(ref v, (nuint)k);
            s0 = TD.MultiplyAdd(TD.Load(ref c, (nuint)k), low, s0);
            s1 = TD.MultiplyAdd(TD.Load(ref c, (nuint)(k + half)), high, s1);
        }
        double sum = TD.Sum(s0 + s1);
        for (; k < n; k++) sum += Unsafe.Add(ref c, k) * Unsafe.Add(ref v, k);
        return sum;
    }

    /// <summary>One term of a dot product or a squared distance, on any register width.</summary>
    private interface ITerm
    {
        static abstract TReg Accumulate<TReg>(TReg sum, TReg x, TReg v) where TReg : struct, IFloatRegister<TReg>;
    }

    private readonly struct ProductTerm : ITerm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TReg Accumulate<TReg>(TReg sum, TReg x, TReg v) where TReg : struct, IFloatRegister<TReg> => TReg.MultiplyAdd(x, v, sum);
    }

    private readonly struct DistanceTerm : ITerm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TReg Accumulate<TReg>(TReg sum, TReg x, TReg v) where TReg : struct, IFloatRegister<TReg>
        {
            TReg d = x - v;
            return TReg.MultiplyAdd(d, d, sum);
        }
    }

    /// <summary>Loads <c>2·TD.Count</c> floats as two registers of doubles (the lower and the upper half).</summary>
    private interface IWiden<TD> where TD : struct, IDoubleLanes<TD>
    {
        static abstract (TD Low, TD High) Load(ref float source, nuint index);
    }

    private readonly struct WidenScalar : IWiden<ScalarDouble>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (ScalarDouble Low, ScalarDouble High) Load(ref float source, nuint index) =>
            (new ScalarDouble(Unsafe.Add(ref source, index)), new ScalarDouble(Unsafe.Add(ref source, index + 1)));
    }

    private readonly struct Widen128 : IWiden<Double128>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Double128 Low, Double128 High) Load(ref float source, nuint index)
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref source, index));
            return (new Double128(low), new Double128(high));
        }
    }

    private readonly struct Widen256 : IWiden<Double256>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Double256 Low, Double256 High) Load(ref float source, nuint index)
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref source, index));
            return (new Double256(low), new Double256(high));
        }
    }

    private readonly struct Widen512 : IWiden<Double512>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static (Double512 Low, Double512 High) Load(ref float source, nuint index)
        {
            var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref source, index));
            return (new Double512(low), new Double512(high));
        }
    }
}
