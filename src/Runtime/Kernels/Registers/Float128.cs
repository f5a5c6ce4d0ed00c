using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.Kernels;

/// <summary>A 128-bit register of 4 floats (SSE, NEON; the default target of Native AOT).</summary>
public readonly struct Float128 : IFloatRegister<Float128>
{
    private readonly Vector128<float> _value;

    internal Float128(Vector128<float> value) => _value = value;

    /// <inheritdoc/>
    public static int Count => Vector128<float>.Count;

    /// <inheritdoc/>
    public static SimdWidth Width => SimdWidth.Vector128;

    /// <inheritdoc/>
    public static Float128 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Load(ref float source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float128 value, ref float destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Float128 value, ref float destination, nuint index, int lanes)
    {
        Vector128<float> keep = Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(lanes)).AsSingle();
        Vector128.ConditionalSelect(keep, value._value, Vector128.LoadUnsafe(ref destination, index)).StoreUnsafe(ref destination, index);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Broadcast(float value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 MultiplyAdd(Float128 a, Float128 b, Float128 addend) => new(Vector128.MultiplyAddEstimate(a._value, b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 MultiplyAdd(float a, Float128 b, Float128 addend) => new(Vector128.MultiplyAddEstimate(Vector128.Create(a), b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 operator +(Float128 left, Float128 right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 operator -(Float128 left, Float128 right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 operator *(Float128 left, Float128 right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 operator /(Float128 left, Float128 right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Sqrt(Float128 value) => new(Vector128.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Float128 value) => Vector128.Sum(value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Relu(Float128 x) => new(Activations.Relu(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float128 Activate(Activation activation, Float128 x) => activation switch
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
    public static Float128 ActivationBackward(Activation activation, Float128 y, Float128 dy) => activation switch
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
    public static Float128 SelectGreaterOrNaN(Float128 current, Float128 candidate)
    {
        Vector128<float> value = candidate._value;
        // x != x only for NaN: the unordered lanes of an equality compare.
        Vector128<float> take = Vector128.GreaterThan(value, current._value) | ~Vector128.Equals(value, value);
        return new(Vector128.ConditionalSelect(take, value, current._value));
    }
}
