using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.LinearAlgebra;

/// <summary>
/// A register of <see cref="Count"/> doubles (one scalar, or a 128-, 256- or 512-bit vector), so the
/// linear-algebra kernels are written once, generic over a struct the JIT specializes, and every width
/// runs the same operations in the same order.
/// </summary>
internal interface IDoubleLanes<TSelf> where TSelf : struct, IDoubleLanes<TSelf>
{
    /// <summary>Doubles per register.</summary>
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf Load(ref double source, nuint index);

    static abstract void Store(TSelf value, ref double destination, nuint index);

    static abstract TSelf Broadcast(double value);

    /// <summary>a·b + c, fused (one rounding) where the hardware has FMA; a multiply then an add where it has not (x86-64-v2), never a slow software fusion.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>The lanes' sum, in the fixed order of <c>Vector*.Sum</c>.</summary>
    static abstract double Sum(TSelf value);
}

internal readonly struct ScalarDouble(double value) : IDoubleLanes<ScalarDouble>
{
    private readonly double _value = value;
    public static int Count => 1;
    public static ScalarDouble Zero => default;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarDouble Load(ref double source, nuint index) => new(Unsafe.Add(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(ScalarDouble value, ref double destination, nuint index) => Unsafe.Add(ref destination, index) = value._value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarDouble Broadcast(double value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ScalarDouble MultiplyAdd(ScalarDouble a, ScalarDouble b, ScalarDouble c) => new(double.MultiplyAddEstimate(a._value, b._value, c._value));
    public static ScalarDouble operator +(ScalarDouble left, ScalarDouble right) => new(left._value + right._value);
    public static ScalarDouble operator -(ScalarDouble left, ScalarDouble right) => new(left._value - right._value);
    public static ScalarDouble operator *(ScalarDouble left, ScalarDouble right) => new(left._value * right._value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sum(ScalarDouble value) => value._value;
}

internal readonly struct Double128(Vector128<double> value) : IDoubleLanes<Double128>
{
    private readonly Vector128<double> _value = value;
    public static int Count => Vector128<double>.Count;
    public static Double128 Zero => default;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double128 Load(ref double source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Double128 value, ref double destination, nuint index) => value._value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double128 Broadcast(double value) => new(Vector128.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double128 MultiplyAdd(Double128 a, Double128 b, Double128 c) => new(Vector128.MultiplyAddEstimate(a._value, b._value, c._value));
    public static Double128 operator +(Double128 left, Double128 right) => new(left._value + right._value);
    public static Double128 operator -(Double128 left, Double128 right) => new(left._value - right._value);
    public static Double128 operator *(Double128 left, Double128 right) => new(left._value * right._value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sum(Double128 value) => Vector128.Sum(value._value);
}

internal readonly struct Double256(Vector256<double> value) : IDoubleLanes<Double256>
{
    private readonly Vector256<double> _value = value;
    public static int Count => Vector256<double>.Count;
    public static Double256 Zero => default;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double256 Load(ref double source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Double256 value, ref double destination, nuint index) => value._value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double256 Broadcast(double value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double256 MultiplyAdd(Double256 a, Double256 b, Double256 c) => new(Vector256.MultiplyAddEstimate(a._value, b._value, c._value));
    public static Double256 operator +(Double256 left, Double256 right) => new(left._value + right._value);
    public static Double256 operator -(Double256 left, Double256 right) => new(left._value - right._value);
    public static Double256 operator *(Double256 left, Double256 right) => new(left._value * right._value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sum(Double256 value) => Vector256.Sum(value._value);
}

internal readonly struct Double512(Vector512<double> value) : IDoubleLanes<Double512>
{
    private readonly Vector512<double> _value = value;
    public static int Count => Vector512<double>.Count;
    public static Double512 Zero => default;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double512 Load(ref double source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Double512 value, ref double destination, nuint index) => value._value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double512 Broadcast(double value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Double512 MultiplyAdd(Double512 a, Double512 b, Double512 c) => new(Vector512.MultiplyAddEstimate(a._value, b._value, c._value));
    public static Double512 operator +(Double512 left, Double512 right) => new(left._value + right._value);
    public static Double512 operator -(Double512 left, Double512 right) => new(left._value - right._value);
    public static Double512 operator *(Double512 left, Double512 right) => new(left._value * right._value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sum(Double512 value) => Vector512.Sum(value._value);
}
