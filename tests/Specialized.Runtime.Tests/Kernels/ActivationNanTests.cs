using System.Runtime.Intrinsics;
using Specialized.Kernels;

namespace Specialized.Tests.Kernels;

/// <summary>
/// NaN goes through every activation and its backward as in PyTorch, on the scalar path and on each
/// register width (the generated code calls whichever width its path uses).
/// </summary>
public sealed class ActivationNanTests
{
    // Lane 0 holds the value under test; the other lanes hold ordinary values that must be unaffected.
    private static readonly float[] Inputs = [float.NaN, 1.5f, -2f, 0f, -0.25f, 3f, -7f, 0.5f, 2f, -1f, 4f, -3f, 0.125f, -0.5f, 6f, -6f];

    public static TheoryData<string> Names() => ["Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_of_nan_is_nan_on_every_width_and_other_lanes_match_the_scalar(string name)
    {
        foreach (var (width, outputs) in Forward(name, Inputs))
        {
            Assert.True(float.IsNaN(outputs[0]), $"{name}({width}) of NaN gave {outputs[0]}");
            for (int i = 1; i < outputs.Length; i++)
            {
                float scalar = Scalar(name)(Inputs[i]);
                // Vector Exp is a polynomial approximation: a few ulps from MathF.Exp.
                Assert.True(Math.Abs(outputs[i] - scalar) <= 1e-6f * Math.Max(1, Math.Abs(scalar)), $"{name}({width}) lane {i}: {outputs[i]} vs scalar {scalar}");
            }
        }
    }

    [Fact]
    public void Relu_matches_ieee_maximum_with_zero_including_signed_zero_and_infinities()
    {
        float[] x = [float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, -1e-45f, 1e-45f, 5f];
        float[] padded = [.. x, .. x];
        foreach (var (width, outputs) in Forward("Relu", padded))
        {
            for (int i = 0; i < x.Length; i++)
            {
                // IEEE 754-2019 maximum(x, +0): NaN propagates, and maximum(−0, +0) is +0.
                float expected = float.IsNaN(x[i]) ? float.NaN : x[i] > 0 ? x[i] : 0f;
                if (float.IsNaN(expected)) Assert.True(float.IsNaN(outputs[i]), $"Relu({width}) of NaN gave {outputs[i]}");
                else Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(outputs[i]));
            }
        }
    }

    // PyTorch's backward kernels test "output <= 0" (ReLU: threshold_backward; ELU: elu_backward with
    // is_result) or "input > 0" (leaky ReLU), so a NaN output passes dy through ReLU and ELU and
    // scales it for leaky ReLU; sigmoid and tanh multiply by a NaN factor.
    [Theory]
    [InlineData("Relu", 1f)]
    [InlineData("LeakyRelu", 0.01f)]
    [InlineData("Elu", 1f)]
    [InlineData("Sigmoid", float.NaN)]
    [InlineData("Tanh", float.NaN)]
    public void Backward_through_a_nan_output_follows_pytorch_on_every_width(string name, float expected)
    {
        float[] y = new float[16], dy = new float[16];
        y.AsSpan().Fill(0.5f);
        dy.AsSpan().Fill(1f);
        y[0] = float.NaN;
        foreach (var (width, gradients) in Backward(name, y, dy))
        {
            if (float.IsNaN(expected)) Assert.True(float.IsNaN(gradients[0]), $"{name}Backward({width}) gave {gradients[0]}");
            else Assert.Equal(expected, gradients[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_of_a_nan_upstream_gradient_is_nan_where_the_unit_is_active_on_every_width(string name)
    {
        float[] y = new float[16], dy = new float[16];
        y.AsSpan().Fill(0.5f);
        dy.AsSpan().Fill(1f);
        dy[0] = float.NaN;
        foreach (var (width, gradients) in Backward(name, y, dy))
        {
            Assert.True(float.IsNaN(gradients[0]), $"{name}Backward({width}) gave {gradients[0]}");
            Assert.False(float.IsNaN(gradients[1]), $"{name}Backward({width}) leaked NaN into lane 1");
        }
    }

    private static Func<float, float> Scalar(string name) => name switch
    {
        "Relu" => Activations.Relu,
        "LeakyRelu" => Activations.LeakyRelu,
        "Elu" => Activations.Elu,
        "Sigmoid" => Activations.Sigmoid,
        "Tanh" => Activations.Tanh,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static IEnumerable<(string Width, float[] Outputs)> Forward(string name, float[] x)
    {
        var scalar = Scalar(name);
        yield return ("scalar", x.Select(scalar).ToArray());
        yield return ("Vector128", Lanes(x, 4, v => Floats(Forward128(name, Vector128.Create(v)))));
        yield return ("Vector256", Lanes(x, 8, v => Floats(Forward256(name, Vector256.Create(v)))));
        yield return ("Vector512", Lanes(x, 16, v => Floats(Forward512(name, Vector512.Create(v)))));
    }

    private static IEnumerable<(string Width, float[] Gradients)> Backward(string name, float[] y, float[] dy)
    {
        Func<float, float, float> scalar = name switch
        {
            "Relu" => Activations.ReluBackward,
            "LeakyRelu" => Activations.LeakyReluBackward,
            "Elu" => Activations.EluBackward,
            "Sigmoid" => Activations.SigmoidBackward,
            "Tanh" => Activations.TanhBackward,
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        yield return ("scalar", y.Select((v, i) => scalar(v, dy[i])).ToArray());
        yield return ("Vector128", Floats(Backward128(name, Vector128.Create(y), Vector128.Create(dy))));
        yield return ("Vector256", Floats(Backward256(name, Vector256.Create(y), Vector256.Create(dy))));
        yield return ("Vector512", Floats(Backward512(name, Vector512.Create(y), Vector512.Create(dy))));
    }

    private static float[] Floats(Vector128<float> v) { var a = new float[Vector128<float>.Count]; v.CopyTo(a); return a; }
    private static float[] Floats(Vector256<float> v) { var a = new float[Vector256<float>.Count]; v.CopyTo(a); return a; }
    private static float[] Floats(Vector512<float> v) { var a = new float[Vector512<float>.Count]; v.CopyTo(a); return a; }

    // Runs a width over the whole array in chunks of its lane count.
    private static float[] Lanes(float[] x, int count, Func<float[], float[]> run)
    {
        var result = new float[x.Length];
        for (int i = 0; i + count <= x.Length; i += count) run(x[i..(i + count)]).CopyTo(result, i);
        return result;
    }

    private static Vector128<float> Forward128(string name, Vector128<float> x) => name switch
    {
        "Relu" => Activations.Relu(x),
        "LeakyRelu" => Activations.LeakyRelu(x),
        "Elu" => Activations.Elu(x),
        "Sigmoid" => Activations.Sigmoid(x),
        _ => Activations.Tanh(x),
    };

    private static Vector256<float> Forward256(string name, Vector256<float> x) => name switch
    {
        "Relu" => Activations.Relu(x),
        "LeakyRelu" => Activations.LeakyRelu(x),
        "Elu" => Activations.Elu(x),
        "Sigmoid" => Activations.Sigmoid(x),
        _ => Activations.Tanh(x),
    };

    private static Vector512<float> Forward512(string name, Vector512<float> x) => name switch
    {
        "Relu" => Activations.Relu(x),
        "LeakyRelu" => Activations.LeakyRelu(x),
        "Elu" => Activations.Elu(x),
        "Sigmoid" => Activations.Sigmoid(x),
        _ => Activations.Tanh(x),
    };

    private static Vector128<float> Backward128(string name, Vector128<float> y, Vector128<float> dy) => name switch
    {
        "Relu" => Activations.ReluBackward(y, dy),
        "LeakyRelu" => Activations.LeakyReluBackward(y, dy),
        "Elu" => Activations.EluBackward(y, dy),
        "Sigmoid" => Activations.SigmoidBackward(y, dy),
        _ => Activations.TanhBackward(y, dy),
    };

    private static Vector256<float> Backward256(string name, Vector256<float> y, Vector256<float> dy) => name switch
    {
        "Relu" => Activations.ReluBackward(y, dy),
        "LeakyRelu" => Activations.LeakyReluBackward(y, dy),
        "Elu" => Activations.EluBackward(y, dy),
        "Sigmoid" => Activations.SigmoidBackward(y, dy),
        _ => Activations.TanhBackward(y, dy),
    };

    private static Vector512<float> Backward512(string name, Vector512<float> y, Vector512<float> dy) => name switch
    {
        "Relu" => Activations.ReluBackward(y, dy),
        "LeakyRelu" => Activations.LeakyReluBackward(y, dy),
        "Elu" => Activations.EluBackward(y, dy),
        "Sigmoid" => Activations.SigmoidBackward(y, dy),
        _ => Activations.TanhBackward(y, dy),
    };
}
