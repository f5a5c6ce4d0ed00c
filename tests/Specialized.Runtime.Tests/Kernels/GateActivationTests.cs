using System.Runtime.Intrinsics;
using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>
/// <see cref="GateActivations"/>, the recurrent gates' sigmoid and tanh, on each register width forced in turn
/// (the generic entry point with Float512, Float256, Float128 and FloatScalar) against <see cref="Math.Tanh(double)"/> and
/// 1 / (1 + e^−x) in double: a dense sweep through the saturation ranges, small and large magnitudes, ±0, ±∞ and NaN.
/// </summary>
public sealed class GateActivationTests
{
    // Error bounds, in units in the last place of the correctly rounded float result (the ulp of a subnormal result
    // is 2⁻¹⁴⁹). Measured maxima over Inputs() on AMD Zen 5 (all widths alike): sigmoid 2.71 ulp, tanh 2.56 ulp; the
    // bounds leave a little room for a machine without fused multiply-add, whose roundings differ.
    private const double SigmoidUlps = 3.5;
    private const double TanhUlps = 3.5;
    // In absolute terms (the scale a gate works at): within 2 units of float's epsilon at ½ (1.2·10⁻⁷); measured 8.9·10⁻⁸ and 9.3·10⁻⁸.
    private const double SigmoidAbsolute = 1.2e-7;
    private const double TanhAbsolute = 1.2e-7;

    private static float[] Inputs()
    {
        var values = new List<float>
        {
            0f, -0f, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f, 1e-8f, -1e-8f, 0.4f, -0.4f, 0.39999998f, -0.39999998f, 0.40000004f,
            1f, -1f, 9f, -9f, 16.63f, 17f, 87f, 88.8f, -88.8f, 103f, -103f, 103.9f, -103.9f, 104f, -104f, 200f, -200f,
            float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity,
        };
        // Every 1/1024 from −120 to 120: through both saturations and sigmoid's subnormal tail.
        for (int i = -120 * 1024; i <= 120 * 1024; i++) values.Add(i / 1024f);
        // Magnitudes from 10⁻³⁰ to 10³⁰, log-spaced, both signs: tanh's series range and the far tails.
        for (int i = 0; i <= 6000; i++)
        {
            float m = (float)Math.Pow(10, -30 + i * 0.01);
            values.Add(m);
            values.Add(-m);
        }
        var random = new Random(11);
        for (int i = 0; i < 20000; i++) values.Add((float)(random.NextDouble() * 24 - 12));
        while (values.Count % 16 != 0) values.Add(0.25f);
        return values.ToArray();
    }

    private static float[] Run<TR>(float[] x, bool tanh) where TR : struct, IFloatRegister<TR>
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i += TR.Count)
        {
            TR v = TR.Load(ref x[i], 0);
            TR.Store(tanh ? GateActivations.Tanh(v) : GateActivations.Sigmoid(v), ref y[i], 0);
        }
        return y;
    }

    private static float[] Run(SimdWidth width, float[] x, bool tanh) => width switch
    {
        SimdWidth.Vector512 => Run<Float512>(x, tanh),
        SimdWidth.Vector256 => Run<Float256>(x, tanh),
        SimdWidth.Vector128 => Run<Float128>(x, tanh),
        _ => Run<FloatScalar>(x, tanh),
    };

    private static double ExactSigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    // The largest error in ulps of the correctly rounded result, after checking NaN, signed zeros and exact saturation.
    private static double MaxUlps(float[] x, float[] y, Func<double, double> exact, string name)
    {
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (float.IsNaN(x[i]))
            {
                Assert.True(float.IsNaN(y[i]), $"{name}(NaN) = {y[i]:R}");
                continue;
            }
            double e = exact(x[i]);
            float rounded = (float)e;
            if (rounded == 0 || MathF.Abs(rounded) == 1)
            {
                // Exactly 0, ±1 (saturation) or a signed zero: nothing else is right.
                Assert.True(y[i] == rounded && float.IsNegative(y[i]) == float.IsNegative(rounded), $"{name}({x[i]:R}) = {rounded:R}, got {y[i]:R}");
                if (rounded == 0) continue;
            }
            double ulp = Math.Max(MathF.BitIncrement(MathF.Abs(rounded)) - MathF.Abs(rounded), float.Epsilon);
            double error = Math.Abs(y[i] - e) / ulp;
            Assert.True(!double.IsNaN(error), $"{name}({x[i]:R}) = {e:R}, got {y[i]:R}");
            worst = Math.Max(worst, error);
        }
        return worst;
    }

    private static double MaxAbsoluteError(float[] x, float[] y, Func<double, double> exact)
    {
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
            if (!float.IsNaN(x[i])) worst = Math.Max(worst, Math.Abs(y[i] - exact(x[i])));
        return worst;
    }

    public static TheoryData<SimdWidth> Widths => new() { SimdWidth.Vector512, SimdWidth.Vector256, SimdWidth.Vector128, SimdWidth.Scalar };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Sigmoid_is_within_its_ulp_bound_of_the_double_sigmoid_on_every_width(SimdWidth width)
    {
        float[] x = [.. Inputs(), float.NaN, -float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        float[] y = Run(width, x, tanh: false);
        double worst = MaxUlps(x, y, ExactSigmoid, "sigmoid");
        double worstAbsolute = MaxAbsoluteError(x, y, ExactSigmoid);
        Assert.True(worst <= SigmoidUlps && worstAbsolute <= SigmoidAbsolute, $"sigmoid is {worst:F2} ulp and {worstAbsolute:E2} off at worst on {width}");
        Assert.Equal(0.5f, y[Array.IndexOf(x, -0f)]);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Tanh_is_within_its_ulp_bound_of_math_tanh_on_every_width(SimdWidth width)
    {
        float[] x = [.. Inputs(), float.NaN, -float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        float[] y = Run(width, x, tanh: true);
        double worst = MaxUlps(x, y, Math.Tanh, "tanh");
        double worstAbsolute = MaxAbsoluteError(x, y, Math.Tanh);
        Assert.True(worst <= TanhUlps && worstAbsolute <= TanhAbsolute, $"tanh is {worst:F2} ulp and {worstAbsolute:E2} off at worst on {width}");
    }

    [Fact]
    public void The_widths_agree_bit_for_bit()
    {
        float[] x = Inputs();
        foreach (bool tanh in new[] { false, true })
        {
            float[] scalar = Run(SimdWidth.Scalar, x, tanh);
            Assert.Equal(scalar, Run(SimdWidth.Vector128, x, tanh));
            Assert.Equal(scalar, Run(SimdWidth.Vector256, x, tanh));
            Assert.Equal(scalar, Run(SimdWidth.Vector512, x, tanh));
        }
    }

    // A register whose lanes all lie in the gates' usual range takes the short way (2^k added to the exponent field); one
    // lane out of it (NaN, or a saturating or subnormal result) sends the whole register the full-range way. Both must give
    // the same bits wherever the short way applies, so a result never depends on its neighbours in a register.
    [Fact]
    public void The_short_way_for_the_usual_range_gives_the_bits_of_the_full_range_way()
    {
        var random = new Random(5);
        float[] x = new float[16];
        for (int round = 0; round < 4000; round++)
        {
            bool tanh = round % 2 == 1;
            float limit = tanh ? 43f : 86f;
            // Mostly the gates' scale, and the whole short range, its ends included, every fourth round.
            for (int i = 0; i < x.Length; i++) x[i] = (float)((random.NextDouble() * 2 - 1) * (round % 4 < 2 ? 12 : limit));
            if (round % 8 == 2) x[round % 16] = -limit;
            if (round % 8 == 3) x[round % 16] = limit;
            var v512 = Vector512.Create(x);
            var v256 = Vector256.Create(x);
            var v128 = Vector128.Create(x);
            float[] shortWay = tanh
                ? [.. Lanes(GateActivations.Tanh(v512)), .. Lanes(GateActivations.Tanh(v256)), .. Lanes(GateActivations.Tanh(v128)), GateActivations.Tanh(x[0])]
                : [.. Lanes(GateActivations.Sigmoid(v512)), .. Lanes(GateActivations.Sigmoid(v256)), .. Lanes(GateActivations.Sigmoid(v128)), GateActivations.Sigmoid(x[0])];
            float[] fullRange = tanh
                ? [.. Lanes(GateActivations.TanhOfAnyValue(v512)), .. Lanes(GateActivations.TanhOfAnyValue(v256)), .. Lanes(GateActivations.TanhOfAnyValue(v128)), GateActivations.TanhOfAnyValue(x[0])]
                : [.. Lanes(GateActivations.SigmoidOfAnyValue(v512)), .. Lanes(GateActivations.SigmoidOfAnyValue(v256)), .. Lanes(GateActivations.SigmoidOfAnyValue(v128)), GateActivations.SigmoidOfAnyValue(x[0])];
            for (int i = 0; i < shortWay.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(shortWay[i]) == BitConverter.SingleToInt32Bits(fullRange[i]),
                    $"{(tanh ? "tanh" : "sigmoid")} result {i} of round {round}: {shortWay[i]:R} the short way, {fullRange[i]:R} the full-range way");
        }
    }

    private static float[] Lanes(Vector512<float> v) { var a = new float[16]; v.CopyTo(a); return a; }
    private static float[] Lanes(Vector256<float> v) { var a = new float[8]; v.CopyTo(a); return a; }
    private static float[] Lanes(Vector128<float> v) { var a = new float[4]; v.CopyTo(a); return a; }

    [Fact]
    public void Signed_zeros_saturation_and_nan_come_out_as_ieee_and_pytorch_give_them()
    {
        foreach (SimdWidth width in new[] { SimdWidth.Vector512, SimdWidth.Vector256, SimdWidth.Vector128, SimdWidth.Scalar })
        {
            float[] x = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 20f, -20f, -200f, 0, 0, 0, 0, 0, 0, 0, 0];
            float[] t = Run(width, x, tanh: true), s = Run(width, x, tanh: false);
            Assert.True(t[0] == 0 && !float.IsNegative(t[0]), $"tanh(+0) on {width}");
            Assert.True(t[1] == 0 && float.IsNegative(t[1]), $"tanh(−0) on {width}");
            Assert.Equal([1f, -1f], t[2..4]);
            Assert.True(float.IsNaN(t[4]) && float.IsNaN(s[4]), $"NaN on {width}");
            Assert.Equal([1f, -1f], t[5..7]);
            Assert.Equal([0.5f, 0.5f, 1f, 0f], s[0..4]);
            Assert.Equal(1f, s[5]);
            // σ(−20) = 2.06·10⁻⁹: accurate relative to itself, not merely close to 0 (the form e / (1 + e) on the negative side).
            Assert.True(Math.Abs(s[6] / ExactSigmoid(-20) - 1) < 4e-7, $"sigmoid(−20) = {s[6]:R} on {width}");
            Assert.Equal(0f, s[7]);
        }
    }
}
