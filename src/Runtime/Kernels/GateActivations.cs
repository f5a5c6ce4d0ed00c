using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.Kernels;

/// <summary>
/// The sigmoid and tanh of the recurrent cells' gates, written for latency: in a streaming step every gate
/// waits for h_{t−1} and the next step waits for h_t, so the time of a step is the length of one chain of
/// dependent instructions (product → σ(r) → tanh(n) → h), not the instruction count. Each is one exponential
/// of a non-positive argument and one division, with the exponential's polynomial evaluated by Estrin's
/// scheme (depth 3 instead of Horner's 7) and the range reduction in multiply-adds.
/// </summary>
/// <remarks>
/// <para>
/// e = exp(t) for t = −|x| (sigmoid) or −2|x| (tanh), so e ∈ [0, 1] never overflows: t = k·ln 2 + r with
/// k = round(t / ln 2), |r| ≤ ½ln 2 (ln 2 split in two parts so k·ln 2 is exact), exp(r) by its Taylor series to
/// r⁷ (truncation below 4·10⁻⁹ relative) as (1 + r + c₂r² + c₃r³) + r⁴(c₄ + c₅r + c₆r² + c₇r³), and 2^k applied by
/// adding k to the exponent field when every lane's result is a normal float (t ≥ −86: the gates' usual range, tested
/// with one compare and a branch off the chain), otherwise, in a separate method, after clamping and as two
/// exponent-field multiplies so that results in the subnormal range come out right (and NaN is carried through).
/// Both ways give the same bits where both apply, and the short one saves a clamp, a multiply and the NaN select
/// on the chain (about 12 of a GRU-16 step's ~150 cycles). Then
/// σ(x) = (x &lt; 0 ? e : 1) / (1 + e), accurate relative to the result on both tails, and
/// tanh(x) = ±(1 − e) / (1 + e), except for |x| &lt; 0.4, where 1 − e would cancel and tanh's odd Taylor series to
/// x¹³ (computed alongside, off the critical chain) is used instead.
/// </para>
/// <para>
/// The same operations in the same order on every width, scalar included: the widths agree bit for bit. NaN
/// stays NaN; ±0 gives σ = ½ and tanh = ±0; saturation gives exactly 1 (and σ → 0 through the subnormals).
/// The error bounds, measured against double-precision references over a dense sweep, are asserted in
/// <c>GateActivationTests</c> (a few units in the last place; see there).
/// </para>
/// </remarks>
internal static class GateActivations
{
    private const float Log2E = 1.44269504f;
    // ln 2 = Ln2High + Ln2Low; Ln2High has 15 significant bits, so k·Ln2High is exact for |k| ≤ 2⁹.
    private const float Ln2High = 0.693145751953125f;
    private const float Ln2Low = 1.42860677e-06f;
    // Adding 1.5·2²³ rounds a float of magnitude below 2²² to an integer held in the low mantissa bits.
    private const float RoundingShift = 12582912f;
    private const int RoundingShiftBits = 0x4B400000;
    // exp(−104) is below half the smallest subnormal: 0 from there on, and k stays within two normal exponent fields.
    private const float Lowest = -104f;
    private const float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;
    // From here up to 0, exp(t) = p·2^k has k ≥ −124, so it is a normal float and 2^k can be added to p's exponent field in
    // one integer addition, where the full range needs two multiplies (exact here too, so both give the same bits).
    private const float NormalFrom = -86f;
    // Below this |x| tanh comes from its series (1 − e/1 + e would lose bits to cancellation).
    private const float TanhSeriesBelow = 0.4f;
    // tanh x = x + x³·(T3 + T5 x² + … + T13 x¹⁰), the Taylor coefficients 2^{2n}(2^{2n} − 1)B_{2n}/(2n)!.
    private const float T3 = -1f / 3, T5 = 2f / 15, T7 = -17f / 315, T9 = 62f / 2835, T11 = -1382f / 155925, T13 = 21844f / 6081075;

    /// <summary>σ(x) for the register type <typeparamref name="TR"/> (one specialized copy per width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TR Sigmoid<TR>(TR x) where TR : struct, IFloatRegister<TR>
    {
        if (typeof(TR) == typeof(Float512)) return Unsafe.BitCast<Vector512<float>, TR>(Sigmoid(Unsafe.BitCast<TR, Vector512<float>>(x)));
        if (typeof(TR) == typeof(Float256)) return Unsafe.BitCast<Vector256<float>, TR>(Sigmoid(Unsafe.BitCast<TR, Vector256<float>>(x)));
        if (typeof(TR) == typeof(Float128)) return Unsafe.BitCast<Vector128<float>, TR>(Sigmoid(Unsafe.BitCast<TR, Vector128<float>>(x)));
        return Unsafe.BitCast<float, TR>(Sigmoid(Unsafe.BitCast<TR, float>(x)));
    }

    /// <summary>tanh(x) for the register type <typeparamref name="TR"/> (one specialized copy per width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TR Tanh<TR>(TR x) where TR : struct, IFloatRegister<TR>
    {
        if (typeof(TR) == typeof(Float512)) return Unsafe.BitCast<Vector512<float>, TR>(Tanh(Unsafe.BitCast<TR, Vector512<float>>(x)));
        if (typeof(TR) == typeof(Float256)) return Unsafe.BitCast<Vector256<float>, TR>(Tanh(Unsafe.BitCast<TR, Vector256<float>>(x)));
        if (typeof(TR) == typeof(Float128)) return Unsafe.BitCast<Vector128<float>, TR>(Tanh(Unsafe.BitCast<TR, Vector128<float>>(x)));
        return Unsafe.BitCast<float, TR>(Tanh(Unsafe.BitCast<TR, float>(x)));
    }

    // ---- scalar ----

    /// <summary>σ(x) = 1 / (1 + exp(−x)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x)
    {
        float t = -MathF.Abs(x);
        if (t >= NormalFrom) return SigmoidOf(x, ExpOfNormal(t));
        return SigmoidOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SigmoidOfAnyValue(float x)
    {
        float sigma = SigmoidOf(x, ExpOfNonPositive(-MathF.Abs(x)));
        return float.IsNaN(x) ? x : sigma;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SigmoidOf(float x, float e) => (x < 0 ? e : 1f) / (1f + e);

    /// <summary>tanh(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x)
    {
        float t = -MathF.Abs(x);
        if (t >= NormalFrom / 2) return TanhOf(x, MathF.Abs(x), ExpOfNormalTwice(t));
        return TanhOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float TanhOfAnyValue(float x)
    {
        float a = MathF.Abs(x);
        float tanh = TanhOf(x, a, ExpOfNonPositive(a * -2f));
        return float.IsNaN(x) ? x : tanh;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TanhOf(float x, float a, float e)
    {
        float fromExp = (1f - e) / (1f + e);
        float a2 = a * a;
        float series = float.MultiplyAddEstimate(a * a2, TanhSeriesSum(a2), a);
        return MathF.CopySign(a < TanhSeriesBelow ? series : fromExp, x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float TanhSeriesSum(float x2)
    {
        float s = float.MultiplyAddEstimate(T13, x2, T11);
        s = float.MultiplyAddEstimate(s, x2, T9);
        s = float.MultiplyAddEstimate(s, x2, T7);
        s = float.MultiplyAddEstimate(s, x2, T5);
        return float.MultiplyAddEstimate(s, x2, T3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpOfNonPositive(float t)
    {
        float clamped = MathF.Max(t, Lowest);
        float p = ReducedExp(clamped, float.MultiplyAddEstimate(clamped, Log2E, RoundingShift), out int n);
        int half = n >> 1;
        float scale0 = BitConverter.Int32BitsToSingle((half + 127) << 23);
        float scale1 = BitConverter.Int32BitsToSingle((n - half + 127) << 23);
        return p * scale0 * scale1;
    }

    // exp(t) for NormalFrom ≤ t ≤ 0: 2^k goes into the exponent field.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpOfNormal(float t) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(ReducedExp(t, float.MultiplyAddEstimate(t, Log2E, RoundingShift), out int n)) + (n << 23));

    // exp(2t) for NormalFrom ≤ 2t ≤ 0, the doubling folded into the first multiply-add (the same bits).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpOfNormalTwice(float t) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(ReducedExp(t + t, float.MultiplyAddEstimate(t, 2 * Log2E, RoundingShift), out int n)) + (n << 23));

    // exp(r) for t = k·ln 2 + r, given shifted = t·log₂e + 1.5·2²³ (k in its low mantissa bits), and k (as n).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ReducedExp(float t, float shifted, out int n)
    {
        float k = shifted - RoundingShift;
        n = BitConverter.SingleToInt32Bits(shifted) - RoundingShiftBits;
        float r = float.MultiplyAddEstimate(k, -Ln2High, t);
        r = float.MultiplyAddEstimate(k, -Ln2Low, r);
        float r2 = r * r;
        float low = float.MultiplyAddEstimate(float.MultiplyAddEstimate(C3, r, C2), r2, 1f + r);
        float high = float.MultiplyAddEstimate(float.MultiplyAddEstimate(C7, r, C6), r2, float.MultiplyAddEstimate(C5, r, C4));
        return float.MultiplyAddEstimate(high, r2 * r2, low);
    }

    // ---- 128-bit ----

    /// <summary>σ(x) = 1 / (1 + exp(−x)) for each of 4 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x)
    {
        Vector128<float> t = x | Vector128.Create(-0f);
        // The usual case, every lane's exp(−|x|) normal (so no NaN either): the short chain.
        if (Vector128.GreaterThanOrEqualAll(t, Vector128.Create(NormalFrom)))
            return SigmoidOf(x, ExpOfNormal(t));
        return SigmoidOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> SigmoidOfAnyValue(Vector128<float> x)
    {
        Vector128<float> sigma = SigmoidOf(x, ExpOfNonPositive(x | Vector128.Create(-0f)));
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), sigma, x);
    }

    // σ(x) from e = exp(−|x|): (x < 0 ? e : 1) / (1 + e), accurate relative to the result on both tails.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> SigmoidOf(Vector128<float> x, Vector128<float> e) =>
        Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), e, Vector128<float>.One) / (Vector128<float>.One + e);

    /// <summary>tanh(x) for each of 4 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<float> t = x | Vector128.Create(-0f);
        // The usual case, every lane's exp(−2|x|) normal (so no NaN either): the short chain.
        if (Vector128.GreaterThanOrEqualAll(t, Vector128.Create(NormalFrom / 2)))
            return TanhOf(x, Vector128.Abs(x), ExpOfNormalTwice(t));
        return TanhOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> TanhOfAnyValue(Vector128<float> x)
    {
        Vector128<float> a = Vector128.Abs(x);
        // NaN is taken from x.
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), TanhOf(x, a, ExpOfNonPositive(a * -2f)), x);
    }

    // tanh(x) from a = |x| and e = exp(−2a): the series below TanhSeriesBelow, ±(1 − e)/(1 + e) above, with x's sign
    // (tanh(−0) = −0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> TanhOf(Vector128<float> x, Vector128<float> a, Vector128<float> e)
    {
        Vector128<float> fromExp = (Vector128<float>.One - e) / (Vector128<float>.One + e);
        Vector128<float> a2 = a * a;
        Vector128<float> series = Vector128.MultiplyAddEstimate(a * a2, TanhSeriesSum(a2), a);
        return Vector128.CopySign(Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128.Create(TanhSeriesBelow)), series, fromExp), x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> TanhSeriesSum(Vector128<float> x2)
    {
        Vector128<float> s = Vector128.MultiplyAddEstimate(Vector128.Create(T13), x2, Vector128.Create(T11));
        s = Vector128.MultiplyAddEstimate(s, x2, Vector128.Create(T9));
        s = Vector128.MultiplyAddEstimate(s, x2, Vector128.Create(T7));
        s = Vector128.MultiplyAddEstimate(s, x2, Vector128.Create(T5));
        return Vector128.MultiplyAddEstimate(s, x2, Vector128.Create(T3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpOfNonPositive(Vector128<float> t)
    {
        Vector128<float> clamped = Vector128.MaxNative(t, Vector128.Create(Lowest));
        Vector128<float> p = ReducedExp(clamped, Vector128.MultiplyAddEstimate(clamped, Vector128.Create(Log2E), Vector128.Create(RoundingShift)), out Vector128<int> n);
        Vector128<int> half = Vector128.ShiftRightArithmetic(n, 1);
        Vector128<float> scale0 = Vector128.ShiftLeft(half + Vector128.Create(127), 23).AsSingle();
        Vector128<float> scale1 = Vector128.ShiftLeft(n - half + Vector128.Create(127), 23).AsSingle();
        return p * scale0 * scale1;
    }

    // exp(t) for NormalFrom ≤ t ≤ 0: 2^k goes into the exponent field.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpOfNormal(Vector128<float> t)
    {
        Vector128<float> p = ReducedExp(t, Vector128.MultiplyAddEstimate(t, Vector128.Create(Log2E), Vector128.Create(RoundingShift)), out Vector128<int> n);
        return (p.AsInt32() + Vector128.ShiftLeft(n, 23)).AsSingle();
    }

    // exp(2t) for NormalFrom ≤ 2t ≤ 0, the doubling folded into the first multiply-add (the same bits as doubling
    // first, since doubling is exact) so that it is not one more step on the chain.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpOfNormalTwice(Vector128<float> t)
    {
        Vector128<float> p = ReducedExp(t + t, Vector128.MultiplyAddEstimate(t, Vector128.Create(2 * Log2E), Vector128.Create(RoundingShift)), out Vector128<int> n);
        return (p.AsInt32() + Vector128.ShiftLeft(n, 23)).AsSingle();
    }

    // exp(r) for t = k·ln 2 + r, given shifted = t·log₂e + 1.5·2²³ (k in its low mantissa bits), and k (as n).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ReducedExp(Vector128<float> t, Vector128<float> shifted, out Vector128<int> n)
    {
        Vector128<float> k = shifted - Vector128.Create(RoundingShift);
        n = shifted.AsInt32() - Vector128.Create(RoundingShiftBits);
        Vector128<float> r = Vector128.MultiplyAddEstimate(k, Vector128.Create(-Ln2High), t);
        r = Vector128.MultiplyAddEstimate(k, Vector128.Create(-Ln2Low), r);
        Vector128<float> r2 = r * r;
        Vector128<float> low = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(Vector128.Create(C3), r, Vector128.Create(C2)), r2, Vector128<float>.One + r);
        Vector128<float> high = Vector128.MultiplyAddEstimate(Vector128.MultiplyAddEstimate(Vector128.Create(C7), r, Vector128.Create(C6)), r2,
            Vector128.MultiplyAddEstimate(Vector128.Create(C5), r, Vector128.Create(C4)));
        return Vector128.MultiplyAddEstimate(high, r2 * r2, low);
    }

    // ---- 256-bit ----

    /// <summary>σ(x) = 1 / (1 + exp(−x)) for each of 8 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> t = x | Vector256.Create(-0f);
        // The usual case, every lane's exp(−|x|) normal (so no NaN either): the short chain.
        if (Vector256.GreaterThanOrEqualAll(t, Vector256.Create(NormalFrom)))
            return SigmoidOf(x, ExpOfNormal(t));
        return SigmoidOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> SigmoidOfAnyValue(Vector256<float> x)
    {
        Vector256<float> sigma = SigmoidOf(x, ExpOfNonPositive(x | Vector256.Create(-0f)));
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), sigma, x);
    }

    // σ(x) from e = exp(−|x|): (x < 0 ? e : 1) / (1 + e), accurate relative to the result on both tails.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SigmoidOf(Vector256<float> x, Vector256<float> e) =>
        Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), e, Vector256<float>.One) / (Vector256<float>.One + e);

    /// <summary>tanh(x) for each of 8 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> t = x | Vector256.Create(-0f);
        // The usual case, every lane's exp(−2|x|) normal (so no NaN either): the short chain.
        if (Vector256.GreaterThanOrEqualAll(t, Vector256.Create(NormalFrom / 2)))
            return TanhOf(x, Vector256.Abs(x), ExpOfNormalTwice(t));
        return TanhOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TanhOfAnyValue(Vector256<float> x)
    {
        Vector256<float> a = Vector256.Abs(x);
        // NaN is taken from x.
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), TanhOf(x, a, ExpOfNonPositive(a * -2f)), x);
    }

    // tanh(x) from a = |x| and e = exp(−2a): the series below TanhSeriesBelow, ±(1 − e)/(1 + e) above, with x's sign
    // (tanh(−0) = −0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TanhOf(Vector256<float> x, Vector256<float> a, Vector256<float> e)
    {
        Vector256<float> fromExp = (Vector256<float>.One - e) / (Vector256<float>.One + e);
        Vector256<float> a2 = a * a;
        Vector256<float> series = Vector256.MultiplyAddEstimate(a * a2, TanhSeriesSum(a2), a);
        return Vector256.CopySign(Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(TanhSeriesBelow)), series, fromExp), x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TanhSeriesSum(Vector256<float> x2)
    {
        Vector256<float> s = Vector256.MultiplyAddEstimate(Vector256.Create(T13), x2, Vector256.Create(T11));
        s = Vector256.MultiplyAddEstimate(s, x2, Vector256.Create(T9));
        s = Vector256.MultiplyAddEstimate(s, x2, Vector256.Create(T7));
        s = Vector256.MultiplyAddEstimate(s, x2, Vector256.Create(T5));
        return Vector256.MultiplyAddEstimate(s, x2, Vector256.Create(T3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpOfNonPositive(Vector256<float> t)
    {
        Vector256<float> clamped = Vector256.MaxNative(t, Vector256.Create(Lowest));
        Vector256<float> p = ReducedExp(clamped, Vector256.MultiplyAddEstimate(clamped, Vector256.Create(Log2E), Vector256.Create(RoundingShift)), out Vector256<int> n);
        Vector256<int> half = Vector256.ShiftRightArithmetic(n, 1);
        Vector256<float> scale0 = Vector256.ShiftLeft(half + Vector256.Create(127), 23).AsSingle();
        Vector256<float> scale1 = Vector256.ShiftLeft(n - half + Vector256.Create(127), 23).AsSingle();
        return p * scale0 * scale1;
    }

    // exp(t) for NormalFrom ≤ t ≤ 0: 2^k goes into the exponent field.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpOfNormal(Vector256<float> t)
    {
        Vector256<float> p = ReducedExp(t, Vector256.MultiplyAddEstimate(t, Vector256.Create(Log2E), Vector256.Create(RoundingShift)), out Vector256<int> n);
        return (p.AsInt32() + Vector256.ShiftLeft(n, 23)).AsSingle();
    }

    // exp(2t) for NormalFrom ≤ 2t ≤ 0, the doubling folded into the first multiply-add (the same bits as doubling
    // first, since doubling is exact) so that it is not one more step on the chain.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpOfNormalTwice(Vector256<float> t)
    {
        Vector256<float> p = ReducedExp(t + t, Vector256.MultiplyAddEstimate(t, Vector256.Create(2 * Log2E), Vector256.Create(RoundingShift)), out Vector256<int> n);
        return (p.AsInt32() + Vector256.ShiftLeft(n, 23)).AsSingle();
    }

    // exp(r) for t = k·ln 2 + r, given shifted = t·log₂e + 1.5·2²³ (k in its low mantissa bits), and k (as n).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ReducedExp(Vector256<float> t, Vector256<float> shifted, out Vector256<int> n)
    {
        Vector256<float> k = shifted - Vector256.Create(RoundingShift);
        n = shifted.AsInt32() - Vector256.Create(RoundingShiftBits);
        Vector256<float> r = Vector256.MultiplyAddEstimate(k, Vector256.Create(-Ln2High), t);
        r = Vector256.MultiplyAddEstimate(k, Vector256.Create(-Ln2Low), r);
        Vector256<float> r2 = r * r;
        Vector256<float> low = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(Vector256.Create(C3), r, Vector256.Create(C2)), r2, Vector256<float>.One + r);
        Vector256<float> high = Vector256.MultiplyAddEstimate(Vector256.MultiplyAddEstimate(Vector256.Create(C7), r, Vector256.Create(C6)), r2,
            Vector256.MultiplyAddEstimate(Vector256.Create(C5), r, Vector256.Create(C4)));
        return Vector256.MultiplyAddEstimate(high, r2 * r2, low);
    }

    // ---- 512-bit ----

    /// <summary>σ(x) = 1 / (1 + exp(−x)) for each of 16 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> t = x | Vector512.Create(-0f);
        // The usual case, every lane's exp(−|x|) normal (so no NaN either): the short chain.
        if (Vector512.GreaterThanOrEqualAll(t, Vector512.Create(NormalFrom)))
            return SigmoidOf(x, ExpOfNormal(t));
        return SigmoidOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> SigmoidOfAnyValue(Vector512<float> x)
    {
        Vector512<float> sigma = SigmoidOf(x, ExpOfNonPositive(x | Vector512.Create(-0f)));
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), sigma, x);
    }

    // σ(x) from e = exp(−|x|): (x < 0 ? e : 1) / (1 + e), accurate relative to the result on both tails.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SigmoidOf(Vector512<float> x, Vector512<float> e) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), e, Vector512<float>.One) / (Vector512<float>.One + e);

    /// <summary>tanh(x) for each of 16 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> t = x | Vector512.Create(-0f);
        // The usual case, every lane's exp(−2|x|) normal (so no NaN either): the short chain.
        if (Vector512.GreaterThanOrEqualAll(t, Vector512.Create(NormalFrom / 2)))
            return TanhOf(x, Vector512.Abs(x), ExpOfNormalTwice(t));
        return TanhOfAnyValue(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> TanhOfAnyValue(Vector512<float> x)
    {
        Vector512<float> a = Vector512.Abs(x);
        // NaN is taken from x.
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), TanhOf(x, a, ExpOfNonPositive(a * -2f)), x);
    }

    // tanh(x) from a = |x| and e = exp(−2a): the series below TanhSeriesBelow, ±(1 − e)/(1 + e) above, with x's sign
    // (tanh(−0) = −0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhOf(Vector512<float> x, Vector512<float> a, Vector512<float> e)
    {
        Vector512<float> fromExp = (Vector512<float>.One - e) / (Vector512<float>.One + e);
        Vector512<float> a2 = a * a;
        Vector512<float> series = Vector512.MultiplyAddEstimate(a * a2, TanhSeriesSum(a2), a);
        return Vector512.CopySign(Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(TanhSeriesBelow)), series, fromExp), x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhSeriesSum(Vector512<float> x2)
    {
        Vector512<float> s = Vector512.MultiplyAddEstimate(Vector512.Create(T13), x2, Vector512.Create(T11));
        s = Vector512.MultiplyAddEstimate(s, x2, Vector512.Create(T9));
        s = Vector512.MultiplyAddEstimate(s, x2, Vector512.Create(T7));
        s = Vector512.MultiplyAddEstimate(s, x2, Vector512.Create(T5));
        return Vector512.MultiplyAddEstimate(s, x2, Vector512.Create(T3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpOfNonPositive(Vector512<float> t)
    {
        Vector512<float> clamped = Vector512.MaxNative(t, Vector512.Create(Lowest));
        Vector512<float> p = ReducedExp(clamped, Vector512.MultiplyAddEstimate(clamped, Vector512.Create(Log2E), Vector512.Create(RoundingShift)), out Vector512<int> n);
        Vector512<int> half = Vector512.ShiftRightArithmetic(n, 1);
        Vector512<float> scale0 = Vector512.ShiftLeft(half + Vector512.Create(127), 23).AsSingle();
        Vector512<float> scale1 = Vector512.ShiftLeft(n - half + Vector512.Create(127), 23).AsSingle();
        return p * scale0 * scale1;
    }

    // exp(t) for NormalFrom ≤ t ≤ 0: 2^k goes into the exponent field.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpOfNormal(Vector512<float> t)
    {
        Vector512<float> p = ReducedExp(t, Vector512.MultiplyAddEstimate(t, Vector512.Create(Log2E), Vector512.Create(RoundingShift)), out Vector512<int> n);
        return (p.AsInt32() + Vector512.ShiftLeft(n, 23)).AsSingle();
    }

    // exp(2t) for NormalFrom ≤ 2t ≤ 0, the doubling folded into the first multiply-add (the same bits as doubling
    // first, since doubling is exact) so that it is not one more step on the chain.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpOfNormalTwice(Vector512<float> t)
    {
        Vector512<float> p = ReducedExp(t + t, Vector512.MultiplyAddEstimate(t, Vector512.Create(2 * Log2E), Vector512.Create(RoundingShift)), out Vector512<int> n);
        return (p.AsInt32() + Vector512.ShiftLeft(n, 23)).AsSingle();
    }

    // exp(r) for t = k·ln 2 + r, given shifted = t·log₂e + 1.5·2²³ (k in its low mantissa bits), and k (as n).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ReducedExp(Vector512<float> t, Vector512<float> shifted, out Vector512<int> n)
    {
        Vector512<float> k = shifted - Vector512.Create(RoundingShift);
        n = shifted.AsInt32() - Vector512.Create(RoundingShiftBits);
        Vector512<float> r = Vector512.MultiplyAddEstimate(k, Vector512.Create(-Ln2High), t);
        r = Vector512.MultiplyAddEstimate(k, Vector512.Create(-Ln2Low), r);
        Vector512<float> r2 = r * r;
        Vector512<float> low = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(C3), r, Vector512.Create(C2)), r2, Vector512<float>.One + r);
        Vector512<float> high = Vector512.MultiplyAddEstimate(Vector512.MultiplyAddEstimate(Vector512.Create(C7), r, Vector512.Create(C6)), r2,
            Vector512.MultiplyAddEstimate(Vector512.Create(C5), r, Vector512.Create(C4)));
        return Vector512.MultiplyAddEstimate(high, r2 * r2, low);
    }
}
