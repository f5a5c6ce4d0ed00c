using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.Kernels;

/// <summary>
/// Activation functions and their derivatives, one overload per register width, so generated code
/// calls the same name whatever vector width its path uses. Derivatives are expressed through the
/// activation's <em>output</em> <c>y</c>, which the backward pass already holds: no pre-activation
/// buffer is kept. Exponentials go through <see cref="VectorExp"/>, which is fast on every width and
/// instruction set (the runtime's <c>Vector128.Exp</c> is slower than scalar code without FMA).
/// </summary>
/// <remarks>
/// NaN behaves as in PyTorch on every width: every activation of NaN is NaN, and each backward picks
/// the same branch for a NaN output as PyTorch's kernel does (ReLU and ELU pass <c>dy</c> through,
/// leaky ReLU scales it), so a NaN input shows up as a NaN output and a NaN loss, never as a
/// plausible number.
/// </remarks>
public static class Activations
{
    private const float LeakySlope = 0.01f;

    // Comparisons with NaN are false, so each select below tests the branch that must NOT see NaN
    // (x <= 0) and lets NaN fall to the identity branch, which returns it. For ReLU, clearing the
    // lanes where x <= 0 equals IEEE maximum(x, +0) exactly (NaN kept, −0 becomes +0) in two
    // instructions, where Vector.Max pays for NaN and signed-zero fix-ups and MaxNative may drop NaN.

    /// <summary><c>max(0, x)</c> as IEEE 754 <c>maximum</c> and <c>torch.relu</c>: NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Relu(float x) => x <= 0 ? 0 : x;
    /// <summary><c>max(0, x)</c> as IEEE 754 <c>maximum</c> and <c>torch.relu</c>: NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Relu(Vector128<float> x) => Vector128.AndNot(x, Vector128.LessThanOrEqual(x, Vector128<float>.Zero));
    /// <summary><c>max(0, x)</c> as IEEE 754 <c>maximum</c> and <c>torch.relu</c>: NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Relu(Vector256<float> x) => Vector256.AndNot(x, Vector256.LessThanOrEqual(x, Vector256<float>.Zero));
    /// <summary><c>max(0, x)</c> as IEEE 754 <c>maximum</c> and <c>torch.relu</c>: NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Relu(Vector512<float> x) => Vector512.AndNot(x, Vector512.LessThanOrEqual(x, Vector512<float>.Zero));

    /// <summary><c>x</c> if positive, else <c>0.01·x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LeakyRelu(float x) => x > 0 ? x : x * LeakySlope;
    /// <summary><c>x</c> if positive, else <c>0.01·x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LeakyRelu(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * LeakySlope);
    /// <summary><c>x</c> if positive, else <c>0.01·x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LeakyRelu(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * LeakySlope);
    /// <summary><c>x</c> if positive, else <c>0.01·x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LeakyRelu(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * LeakySlope);

    /// <summary><c>x</c> if positive, else <c>exp(x) − 1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Elu(float x) => x <= 0 ? MathF.Exp(x) - 1 : x;
    /// <summary><c>x</c> if positive, else <c>exp(x) − 1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Elu(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128<float>.Zero), VectorExp.Exp(Vector128.MinNative(x, Vector128<float>.Zero)) - Vector128<float>.One, x);
    /// <summary><c>x</c> if positive, else <c>exp(x) − 1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Elu(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<float>.Zero), VectorExp.Exp(Vector256.MinNative(x, Vector256<float>.Zero)) - Vector256<float>.One, x);
    /// <summary><c>x</c> if positive, else <c>exp(x) − 1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Elu(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<float>.Zero), VectorExp.Exp(Vector512.MinNative(x, Vector512<float>.Zero)) - Vector512<float>.One, x);

    /// <summary><c>1 / (1 + exp(−x))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
    /// <summary><c>1 / (1 + exp(−x))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sigmoid(Vector128<float> x) => Vector128<float>.One / (Vector128<float>.One + VectorExp.Exp(-x));
    /// <summary><c>1 / (1 + exp(−x))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + VectorExp.Exp(-x));
    /// <summary><c>1 / (1 + exp(−x))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + VectorExp.Exp(-x));

    // tanh(x) = sign(x)·(1 − e)/(1 + e) with e = exp(−2|x|): never overflows, and e ≤ 1 keeps the quotient accurate.
    /// <summary><c>tanh(x)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Tanh(float x) => MathF.Tanh(x);
    /// <summary><c>tanh(x)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x)
    {
        Vector128<float> e = VectorExp.Exp(Vector128.Abs(x) * -2f);
        return Vector128.CopySign((Vector128<float>.One - e) / (Vector128<float>.One + e), x);
    }
    /// <summary><c>tanh(x)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> e = VectorExp.Exp(Vector256.Abs(x) * -2f);
        return Vector256.CopySign((Vector256<float>.One - e) / (Vector256<float>.One + e), x);
    }
    /// <summary><c>tanh(x)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> e = VectorExp.Exp(Vector512.Abs(x) * -2f);
        return Vector512.CopySign((Vector512<float>.One - e) / (Vector512<float>.One + e), x);
    }

    /// <summary>Gradient through ReLU given its output <paramref name="y"/> and upstream gradient <paramref name="dy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ReluBackward(float y, float dy) => y <= 0 ? 0 : dy;
    /// <inheritdoc cref="ReluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> ReluBackward(Vector128<float> y, Vector128<float> dy) => Vector128.AndNot(dy, Vector128.LessThanOrEqual(y, Vector128<float>.Zero));
    /// <inheritdoc cref="ReluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> ReluBackward(Vector256<float> y, Vector256<float> dy) => Vector256.AndNot(dy, Vector256.LessThanOrEqual(y, Vector256<float>.Zero));
    /// <inheritdoc cref="ReluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ReluBackward(Vector512<float> y, Vector512<float> dy) => Vector512.AndNot(dy, Vector512.LessThanOrEqual(y, Vector512<float>.Zero));

    /// <summary>Gradient through leaky ReLU given its output (the output's sign is the input's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LeakyReluBackward(float y, float dy) => y > 0 ? dy : dy * LeakySlope;
    /// <inheritdoc cref="LeakyReluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LeakyReluBackward(Vector128<float> y, Vector128<float> dy) => Vector128.ConditionalSelect(Vector128.GreaterThan(y, Vector128<float>.Zero), dy, dy * LeakySlope);
    /// <inheritdoc cref="LeakyReluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LeakyReluBackward(Vector256<float> y, Vector256<float> dy) => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), dy, dy * LeakySlope);
    /// <inheritdoc cref="LeakyReluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LeakyReluBackward(Vector512<float> y, Vector512<float> dy) => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), dy, dy * LeakySlope);

    /// <summary>Gradient through ELU given its output: <c>dy</c> where y &gt; 0, else <c>dy·(y + 1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float EluBackward(float y, float dy) => y <= 0 ? dy * (y + 1) : dy;
    /// <inheritdoc cref="EluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> EluBackward(Vector128<float> y, Vector128<float> dy) => Vector128.ConditionalSelect(Vector128.LessThanOrEqual(y, Vector128<float>.Zero), dy * (y + Vector128<float>.One), dy);
    /// <inheritdoc cref="EluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> EluBackward(Vector256<float> y, Vector256<float> dy) => Vector256.ConditionalSelect(Vector256.LessThanOrEqual(y, Vector256<float>.Zero), dy * (y + Vector256<float>.One), dy);
    /// <inheritdoc cref="EluBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> EluBackward(Vector512<float> y, Vector512<float> dy) => Vector512.ConditionalSelect(Vector512.LessThanOrEqual(y, Vector512<float>.Zero), dy * (y + Vector512<float>.One), dy);

    /// <summary>Gradient through the sigmoid given its output: <c>dy·y·(1 − y)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float SigmoidBackward(float y, float dy) => dy * y * (1 - y);
    /// <inheritdoc cref="SigmoidBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> SigmoidBackward(Vector128<float> y, Vector128<float> dy) => dy * y * (Vector128<float>.One - y);
    /// <inheritdoc cref="SigmoidBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> SigmoidBackward(Vector256<float> y, Vector256<float> dy) => dy * y * (Vector256<float>.One - y);
    /// <inheritdoc cref="SigmoidBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> SigmoidBackward(Vector512<float> y, Vector512<float> dy) => dy * y * (Vector512<float>.One - y);

    /// <summary>Gradient through tanh given its output: <c>dy·(1 − y²)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float TanhBackward(float y, float dy) => dy * (1 - y * y);
    /// <inheritdoc cref="TanhBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> TanhBackward(Vector128<float> y, Vector128<float> dy) => dy * (Vector128<float>.One - y * y);
    /// <inheritdoc cref="TanhBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> TanhBackward(Vector256<float> y, Vector256<float> dy) => dy * (Vector256<float>.One - y * y);
    /// <inheritdoc cref="TanhBackward(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> TanhBackward(Vector512<float> y, Vector512<float> dy) => dy * (Vector512<float>.One - y * y);
}
