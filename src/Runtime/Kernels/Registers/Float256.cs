using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.Kernels;

/// <summary>A 256-bit register of 8 floats (AVX2).</summary>
public readonly struct Float256 : IFloatRegister<Float256>
{
    private readonly Vector256<float> _value;

    internal Float256(Vector256<float> value) => _value = value;

    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    public static SimdWidth Width => SimdWidth.Vector256;

    /// <inheritdoc/>
    public static Float256 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Load(ref float source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float256 value, ref float destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Float256 value, ref float destination, nuint index, int lanes)
    {
        Vector256<float> keep = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(lanes)).AsSingle();
        Vector256.ConditionalSelect(keep, value._value, Vector256.LoadUnsafe(ref destination, index)).StoreUnsafe(ref destination, index);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Broadcast(float value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAdd(Float256 a, Float256 b, Float256 addend) => new(Vector256.MultiplyAddEstimate(a._value, b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAdd(float a, Float256 b, Float256 addend) => new(Vector256.MultiplyAddEstimate(Vector256.Create(a), b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator +(Float256 left, Float256 right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator -(Float256 left, Float256 right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator *(Float256 left, Float256 right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator /(Float256 left, Float256 right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Sqrt(Float256 value) => new(Vector256.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Float256 value) => Float128.Sum(new Float128(value._value.GetLower() + value._value.GetUpper()));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Relu(Float256 x) => new(Activations.Relu(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Activate(Activation activation, Float256 x) => activation switch
    {
        Activation.Relu => new(Activations.Relu(x._value)),
        Activation.LeakyRelu => new(Activations.LeakyRelu(x._value)),
        Activation.Elu => new(Activations.Elu(x._value)),
        Activation.Sigmoid => new(Activations.Sigmoid(x._value)),
        Activation.Tanh => new(Activations.Tanh(x._value)),
        _ => x,
    };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 ActivationBackward(Activation activation, Float256 y, Float256 dy) => activation switch
    {
        Activation.Relu => new(Activations.ReluBackward(y._value, dy._value)),
        Activation.LeakyRelu => new(Activations.LeakyReluBackward(y._value, dy._value)),
        Activation.Elu => new(Activations.EluBackward(y._value, dy._value)),
        Activation.Sigmoid => new(Activations.SigmoidBackward(y._value, dy._value)),
        Activation.Tanh => new(Activations.TanhBackward(y._value, dy._value)),
        _ => dy,
    };

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 SelectGreaterOrNaN(Float256 current, Float256 candidate)
    {
        Vector256<float> value = candidate._value;
        // x != x only for NaN: the unordered lanes of an equality compare.
        Vector256<float> take = Vector256.GreaterThan(value, current._value) | ~Vector256.Equals(value, value);
        return new(Vector256.ConditionalSelect(take, value, current._value));
    }
}
