using System.Runtime.Intrinsics;
using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>
/// The exponential activations (ELU, sigmoid, tanh) on every register width against the scalar functions over
/// −90 … 90, where the vector exponential under them overflows, underflows and everything between.
/// </summary>
public sealed class ActivationWidthTests
{
    public static TheoryData<string> Names() => ["Elu", "Sigmoid", "Tanh"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_width_matches_the_scalar_activation(string name)
    {
        float[] x = Enumerable.Range(0, 1440).Select(i => -90f + i * 0.125f).ToArray();
        Func<float, float> scalar = name switch { "Elu" => Activations.Elu, "Sigmoid" => Activations.Sigmoid, _ => Activations.Tanh };
        for (int i = 0; i < x.Length; i += 16)
        {
            float[] y128 = new float[16], y256 = new float[16], y512 = new float[16];
            for (int j = 0; j < 16; j += 4) Apply128(name, Vector128.Create(x.AsSpan(i + j, 4))).CopyTo(y128.AsSpan(j));
            for (int j = 0; j < 16; j += 8) Apply256(name, Vector256.Create(x.AsSpan(i + j, 8))).CopyTo(y256.AsSpan(j));
            Apply512(name, Vector512.Create(x.AsSpan(i, 16))).CopyTo(y512);
            for (int j = 0; j < 16; j++)
            {
                float expected = scalar(x[i + j]);
                // The vector exponential is within 2 ulps; a division or subtraction after it adds one more rounding.
                foreach (var (width, y) in new[] { ("128", y128), ("256", y256), ("512", y512) })
                    Assert.True(MathF.Abs(y[j] - expected) <= 4e-7f * MathF.Max(1, MathF.Abs(expected)), $"{name} {width}-bit at {x[i + j]}: {y[j]:R} vs {expected:R}");
            }
        }
    }

    private static Vector128<float> Apply128(string name, Vector128<float> x) => name switch { "Elu" => Activations.Elu(x), "Sigmoid" => Activations.Sigmoid(x), _ => Activations.Tanh(x) };

    private static Vector256<float> Apply256(string name, Vector256<float> x) => name switch { "Elu" => Activations.Elu(x), "Sigmoid" => Activations.Sigmoid(x), _ => Activations.Tanh(x) };

    private static Vector512<float> Apply512(string name, Vector512<float> x) => name switch { "Elu" => Activations.Elu(x), "Sigmoid" => Activations.Sigmoid(x), _ => Activations.Tanh(x) };
}
