using Specialized.Kernels;

namespace Specialized.Tests.Nodes;

/// <summary>
/// Buffers for node tests: random values followed by <see cref="BufferLayout.Slack"/> sentinels that a
/// kernel's tail stores must leave as they were, and the activations in double for references.
/// </summary>
internal static class NodeBuffers
{
    public const float Sentinel = 12345.5f;

    public static readonly Type[] Registers = [typeof(FloatScalar), typeof(Float128), typeof(Float256), typeof(Float512)];

    public static float[] WithSlack(int length, int seed)
    {
        var random = new Random(seed);
        var buffer = new float[length + BufferLayout.Slack];
        for (int i = 0; i < length; i++) buffer[i] = (float)(random.NextDouble() * 2 - 1);
        buffer.AsSpan(length).Fill(Sentinel);
        return buffer;
    }

    public static void AssertSlackUntouched(float[] buffer, int length, string what)
    {
        for (int i = length; i < buffer.Length; i++)
            Assert.True(buffer[i] == Sentinel, $"{what}[{i}] past the end ({length}) was overwritten: {buffer[i]}");
    }

    public static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Relu => Math.Max(z, 0),
        Activation.LeakyRelu => z > 0 ? z : 0.01 * z,
        Activation.Elu => z > 0 ? z : Math.Exp(z) - 1,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        _ => z,
    };

    public static double Derivative(Activation activation, double y) => activation switch
    {
        Activation.Relu => y > 0 ? 1 : 0,
        Activation.LeakyRelu => y > 0 ? 1 : 0.01,
        Activation.Elu => y > 0 ? 1 : y + 1,
        Activation.Sigmoid => y * (1 - y),
        Activation.Tanh => 1 - y * y,
        _ => 1,
    };

    /// <summary>
    /// Float sums of <c>n</c> terms err by at most about <c>n·2⁻²⁴</c> of the sum of the terms' magnitudes,
    /// and in practice (blocked, fused sums) by far less: 2·10⁻⁵ of that magnitude covers a few hundred
    /// terms with room, and the absolute 10⁻⁵ covers the exp-based activations' last-bit differences.
    /// </summary>
    public static void Close(double expected, double magnitude, float actual, string what)
    {
        double tolerance = 2e-5 * magnitude + 1e-5 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected}, got {actual} (tolerance {tolerance})");
    }
}
