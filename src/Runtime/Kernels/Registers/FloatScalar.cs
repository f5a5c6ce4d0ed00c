using System.Runtime.CompilerServices;

namespace Specialized.Kernels;

/// <summary>One float: the scalar reference path, and what runs without SIMD.</summary>
public readonly struct FloatScalar : IFloatRegister<FloatScalar>
{
    private readonly float _value;

    private FloatScalar(float value) => _value = value;

    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static SimdWidth Width => SimdWidth.Scalar;

    /// <inheritdoc/>
    public static FloatScalar Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar Load(ref float source, nuint index) => new(Unsafe.Add(ref source, index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(FloatScalar value, ref float destination, nuint index) => Unsafe.Add(ref destination, index) = value._value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(FloatScalar value, ref float destination, nuint index, int lanes)
    {
        if (lanes > 0) Unsafe.Add(ref destination, index) = value._value;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar Broadcast(float value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar MultiplyAdd(FloatScalar a, FloatScalar b, FloatScalar addend) => new(float.MultiplyAddEstimate(a._value, b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar MultiplyAdd(float a, FloatScalar b, FloatScalar addend) => new(float.MultiplyAddEstimate(a, b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar operator +(FloatScalar left, FloatScalar right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar operator -(FloatScalar left, FloatScalar right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar operator *(FloatScalar left, FloatScalar right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar operator /(FloatScalar left, FloatScalar right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar Sqrt(FloatScalar value) => new(MathF.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(FloatScalar value) => value._value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar Relu(FloatScalar x) => new(Activations.Relu(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatScalar Activate(Activation activation, FloatScalar x) => activation switch
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
    public static FloatScalar ActivationBackward(Activation activation, FloatScalar y, FloatScalar dy) => activation switch
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
    public static FloatScalar SelectGreaterOrNaN(FloatScalar current, FloatScalar candidate) =>
        candidate._value > current._value || float.IsNaN(candidate._value) ? candidate : current;
}
