using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Specialized.Kernels;

/// <summary>A 512-bit register of 16 floats (AVX-512).</summary>
public readonly struct Float512 : IFloatRegister<Float512>
{
    private readonly Vector512<float> _value;

    private Float512(Vector512<float> value) => _value = value;

    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    public static SimdWidth Width => SimdWidth.Vector512;

    /// <inheritdoc/>
    public static Float512 Zero => default;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Load(ref float source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float512 value, ref float destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreFirst(Float512 value, ref float destination, nuint index, int lanes)
    {
        Vector512<float> keep = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(lanes)).AsSingle();
        if (Avx512F.IsSupported)
        {
            fixed (float* target = &Unsafe.Add(ref destination, index)) Avx512F.MaskStore(target, keep, value._value);
            return;
        }
        Vector512.ConditionalSelect(keep, value._value, Vector512.LoadUnsafe(ref destination, index)).StoreUnsafe(ref destination, index);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Broadcast(float value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAdd(Float512 a, Float512 b, Float512 addend) => new(Vector512.MultiplyAddEstimate(a._value, b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAdd(float a, Float512 b, Float512 addend) => new(Vector512.MultiplyAddEstimate(Vector512.Create(a), b._value, addend._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator +(Float512 left, Float512 right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator -(Float512 left, Float512 right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator *(Float512 left, Float512 right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator /(Float512 left, Float512 right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Sqrt(Float512 value) => new(Vector512.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Float512 value) => Float256.Sum(new Float256(value._value.GetLower() + value._value.GetUpper()));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Relu(Float512 x) => new(Activations.Relu(x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Activate(Activation activation, Float512 x) => activation switch
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
    public static Float512 ActivationBackward(Activation activation, Float512 y, Float512 dy) => activation switch
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
    public static Float512 SelectGreaterOrNaN(Float512 current, Float512 candidate)
    {
        Vector512<float> value = candidate._value;
        // x != x only for NaN: the unordered lanes of an equality compare.
        Vector512<float> take = Vector512.GreaterThan(value, current._value) | ~Vector512.Equals(value, value);
        return new(Vector512.ConditionalSelect(take, value, current._value));
    }
}
