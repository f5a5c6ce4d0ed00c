using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.Text;

/// <summary>
/// A register of <see cref="Count"/> floats (one scalar, or a 128-, 256- or 512-bit vector) with the
/// few operations the embedding kernels need, so each kernel is written once and the JIT specializes
/// it per width (the optimizers' <c>ILanes</c> approach, plus a multiply-add, fused where the CPU has FMA, and a sum).
/// </summary>
internal interface IEmbeddingLanes<TSelf> where TSelf : struct, IEmbeddingLanes<TSelf>
{
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf Load(ref float source, nuint index);

    static abstract void Store(TSelf value, ref float destination, nuint index);

    static abstract TSelf Broadcast(float value);

    /// <summary><paramref name="a"/> · <paramref name="b"/> + <paramref name="addend"/>, rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf addend);

    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>The sum of the lanes.</summary>
    static abstract float Sum(TSelf value);
}

/// <summary>One float: the reference path.</summary>
internal readonly struct ScalarEmbeddingLane(float value) : IEmbeddingLanes<ScalarEmbeddingLane>
{
    private readonly float _value = value;

    public static int Count => 1;

    public static ScalarEmbeddingLane Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarEmbeddingLane Load(ref float source, nuint index) => new(Unsafe.Add(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarEmbeddingLane value, ref float destination, nuint index) => Unsafe.Add(ref destination, index) = value._value;

    public static ScalarEmbeddingLane Broadcast(float value) => new(value);

    public static ScalarEmbeddingLane MultiplyAdd(ScalarEmbeddingLane a, ScalarEmbeddingLane b, ScalarEmbeddingLane addend) =>
        new(float.MultiplyAddEstimate(a._value, b._value, addend._value));

    public static ScalarEmbeddingLane operator +(ScalarEmbeddingLane left, ScalarEmbeddingLane right) => new(left._value + right._value);

    public static float Sum(ScalarEmbeddingLane value) => value._value;
}

/// <summary>Four floats (SSE / NEON).</summary>
internal readonly struct EmbeddingLanes128(Vector128<float> value) : IEmbeddingLanes<EmbeddingLanes128>
{
    private readonly Vector128<float> _value = value;

    public static int Count => Vector128<float>.Count;

    public static EmbeddingLanes128 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EmbeddingLanes128 Load(ref float source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(EmbeddingLanes128 value, ref float destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    public static EmbeddingLanes128 Broadcast(float value) => new(Vector128.Create(value));

    public static EmbeddingLanes128 MultiplyAdd(EmbeddingLanes128 a, EmbeddingLanes128 b, EmbeddingLanes128 addend) =>
        new(Vector128.MultiplyAddEstimate(a._value, b._value, addend._value));

    public static EmbeddingLanes128 operator +(EmbeddingLanes128 left, EmbeddingLanes128 right) => new(left._value + right._value);

    public static float Sum(EmbeddingLanes128 value) => Vector128.Sum(value._value);
}

/// <summary>Eight floats (AVX2).</summary>
internal readonly struct EmbeddingLanes256(Vector256<float> value) : IEmbeddingLanes<EmbeddingLanes256>
{
    private readonly Vector256<float> _value = value;

    public static int Count => Vector256<float>.Count;

    public static EmbeddingLanes256 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EmbeddingLanes256 Load(ref float source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(EmbeddingLanes256 value, ref float destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    public static EmbeddingLanes256 Broadcast(float value) => new(Vector256.Create(value));

    public static EmbeddingLanes256 MultiplyAdd(EmbeddingLanes256 a, EmbeddingLanes256 b, EmbeddingLanes256 addend) =>
        new(Vector256.MultiplyAddEstimate(a._value, b._value, addend._value));

    public static EmbeddingLanes256 operator +(EmbeddingLanes256 left, EmbeddingLanes256 right) => new(left._value + right._value);

    public static float Sum(EmbeddingLanes256 value) => Vector256.Sum(value._value);
}

/// <summary>Sixteen floats (AVX-512).</summary>
internal readonly struct EmbeddingLanes512(Vector512<float> value) : IEmbeddingLanes<EmbeddingLanes512>
{
    private readonly Vector512<float> _value = value;

    public static int Count => Vector512<float>.Count;

    public static EmbeddingLanes512 Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static EmbeddingLanes512 Load(ref float source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(EmbeddingLanes512 value, ref float destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    public static EmbeddingLanes512 Broadcast(float value) => new(Vector512.Create(value));

    public static EmbeddingLanes512 MultiplyAdd(EmbeddingLanes512 a, EmbeddingLanes512 b, EmbeddingLanes512 addend) =>
        new(Vector512.MultiplyAddEstimate(a._value, b._value, addend._value));

    public static EmbeddingLanes512 operator +(EmbeddingLanes512 left, EmbeddingLanes512 right) => new(left._value + right._value);

    public static float Sum(EmbeddingLanes512 value) => Vector512.Sum(value._value);
}
