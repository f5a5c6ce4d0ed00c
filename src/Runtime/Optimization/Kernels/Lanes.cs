using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized;

/// <summary>One value: the scalar path and the tail of every vector loop.</summary>
internal readonly struct ScalarLane<T>(T value) : ILanes<ScalarLane<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _value = value;

    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane<T> Load(ref T source, nuint index) => new(Unsafe.Add(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarLane<T> value, ref T destination, nuint index) => Unsafe.Add(ref destination, index) = value._value;

    public static ScalarLane<T> Broadcast(T value) => new(value);

    public static ScalarLane<T> operator +(ScalarLane<T> left, ScalarLane<T> right) => new(left._value + right._value);

    public static ScalarLane<T> operator -(ScalarLane<T> left, ScalarLane<T> right) => new(left._value - right._value);

    public static ScalarLane<T> operator *(ScalarLane<T> left, ScalarLane<T> right) => new(left._value * right._value);

    public static ScalarLane<T> operator /(ScalarLane<T> left, ScalarLane<T> right) => new(left._value / right._value);

    public static ScalarLane<T> Sqrt(ScalarLane<T> value) => new(T.Sqrt(value._value));

    public static ScalarLane<T> Max(ScalarLane<T> left, ScalarLane<T> right) => new(T.Max(left._value, right._value));

    public static ScalarLane<T> Min(ScalarLane<T> left, ScalarLane<T> right) => new(T.Min(left._value, right._value));
}

/// <summary>A 128-bit vector of values.</summary>
internal readonly struct Lanes128<T>(Vector128<T> value) : ILanes<Lanes128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector128<T> _value = value;

    public static int Count => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Load(ref T source, nuint index) => new(Vector128.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes128<T> value, ref T destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    public static Lanes128<T> Broadcast(T value) => new(Vector128.Create(value));

    public static Lanes128<T> operator +(Lanes128<T> left, Lanes128<T> right) => new(left._value + right._value);

    public static Lanes128<T> operator -(Lanes128<T> left, Lanes128<T> right) => new(left._value - right._value);

    public static Lanes128<T> operator *(Lanes128<T> left, Lanes128<T> right) => new(left._value * right._value);

    public static Lanes128<T> operator /(Lanes128<T> left, Lanes128<T> right) => new(left._value / right._value);

    public static Lanes128<T> Sqrt(Lanes128<T> value) => new(Vector128.Sqrt(value._value));

    public static Lanes128<T> Max(Lanes128<T> left, Lanes128<T> right) => new(Vector128.Max(left._value, right._value));

    public static Lanes128<T> Min(Lanes128<T> left, Lanes128<T> right) => new(Vector128.Min(left._value, right._value));
}

/// <summary>A 256-bit vector of values.</summary>
internal readonly struct Lanes256<T>(Vector256<T> value) : ILanes<Lanes256<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector256<T> _value = value;

    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Load(ref T source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256<T> value, ref T destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    public static Lanes256<T> Broadcast(T value) => new(Vector256.Create(value));

    public static Lanes256<T> operator +(Lanes256<T> left, Lanes256<T> right) => new(left._value + right._value);

    public static Lanes256<T> operator -(Lanes256<T> left, Lanes256<T> right) => new(left._value - right._value);

    public static Lanes256<T> operator *(Lanes256<T> left, Lanes256<T> right) => new(left._value * right._value);

    public static Lanes256<T> operator /(Lanes256<T> left, Lanes256<T> right) => new(left._value / right._value);

    public static Lanes256<T> Sqrt(Lanes256<T> value) => new(Vector256.Sqrt(value._value));

    public static Lanes256<T> Max(Lanes256<T> left, Lanes256<T> right) => new(Vector256.Max(left._value, right._value));

    public static Lanes256<T> Min(Lanes256<T> left, Lanes256<T> right) => new(Vector256.Min(left._value, right._value));
}

/// <summary>A 512-bit vector of values.</summary>
internal readonly struct Lanes512<T>(Vector512<T> value) : ILanes<Lanes512<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector512<T> _value = value;

    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Load(ref T source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512<T> value, ref T destination, nuint index) => value._value.StoreUnsafe(ref destination, index);

    public static Lanes512<T> Broadcast(T value) => new(Vector512.Create(value));

    public static Lanes512<T> operator +(Lanes512<T> left, Lanes512<T> right) => new(left._value + right._value);

    public static Lanes512<T> operator -(Lanes512<T> left, Lanes512<T> right) => new(left._value - right._value);

    public static Lanes512<T> operator *(Lanes512<T> left, Lanes512<T> right) => new(left._value * right._value);

    public static Lanes512<T> operator /(Lanes512<T> left, Lanes512<T> right) => new(left._value / right._value);

    public static Lanes512<T> Sqrt(Lanes512<T> value) => new(Vector512.Sqrt(value._value));

    public static Lanes512<T> Max(Lanes512<T> left, Lanes512<T> right) => new(Vector512.Max(left._value, right._value));

    public static Lanes512<T> Min(Lanes512<T> left, Lanes512<T> right) => new(Vector512.Min(left._value, right._value));
}
