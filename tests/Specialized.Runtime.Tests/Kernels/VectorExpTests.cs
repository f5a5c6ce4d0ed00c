using System.Runtime.Intrinsics;
using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>
/// <see cref="VectorExp"/> on each register width against <see cref="Math.Exp(double)"/> in double: over the whole
/// float range (normal, subnormal, overflow), at the special values, and bit-identical across widths.
/// </summary>
public sealed class VectorExpTests
{
    private static float[] Inputs()
    {
        var values = new List<float> { 0f, -0f, 1f, -1f, 0.5f, -0.5f, 88.7f, 88.72f, 88.73f, 89f, 100f, -87.3f, -88f, -100f, -103f, -103.9f, -104f, -200f,
            float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f, 0.34657359f, -0.34657359f, 0.3465736f };
        var random = new Random(3);
        for (int i = 0; i < 4096; i++) values.Add((float)(random.NextDouble() * 200 - 105));
        for (int i = 0; i < 1024; i++) values.Add((float)(random.NextDouble() * 2 - 1));
        while (values.Count % 16 != 0) values.Add(0.125f);
        return values.ToArray();
    }

    private static float[] Run(int width, float[] x)
    {
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i += width)
        {
            switch (width)
            {
                case 4: VectorExp.Exp(Vector128.Create(x.AsSpan(i, 4))).CopyTo(y.AsSpan(i)); break;
                case 8: VectorExp.Exp(Vector256.Create(x.AsSpan(i, 8))).CopyTo(y.AsSpan(i)); break;
                default: VectorExp.Exp(Vector512.Create(x.AsSpan(i, 16))).CopyTo(y.AsSpan(i)); break;
            }
        }
        return y;
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Every_width_is_within_two_ulps_of_the_exact_exponential(int width)
    {
        float[] x = Inputs();
        float[] y = Run(width, x);
        for (int i = 0; i < x.Length; i++)
        {
            float exact = (float)Math.Exp(x[i]);
            if (float.IsInfinity(exact) || exact == 0)
            {
                Assert.True(y[i] == exact, $"exp({x[i]:R}) = {exact:R}, got {y[i]:R}");
                continue;
            }
            // Two units in the last place of the correctly rounded result; in the subnormal range, whose ulp is
            // 2⁻¹⁴⁹ whatever the value, two of those.
            float ulp = MathF.Max(MathF.BitIncrement(exact) - exact, float.Epsilon);
            Assert.True(MathF.Abs(y[i] - exact) <= 2 * ulp, $"exp({x[i]:R}) = {exact:R}, got {y[i]:R} ({(y[i] - exact) / ulp:F1} ulp)");
        }
    }

    [Fact]
    public void Special_values_follow_ieee_exp()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f];
        float[] y = Run(4, x);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(float.PositiveInfinity, y[1]);
        Assert.Equal(0f, y[2]);
        Assert.Equal(1f, y[3]);
    }

    [Fact]
    public void The_widths_agree_bit_for_bit()
    {
        float[] x = Inputs();
        float[] y128 = Run(4, x), y256 = Run(8, x), y512 = Run(16, x);
        Assert.Equal(y128, y256);
        Assert.Equal(y128, y512);
    }
}
