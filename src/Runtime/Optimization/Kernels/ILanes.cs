using System.Numerics;

namespace Specialized;

/// <summary>
/// A register of <see cref="Count"/> values of <typeparamref name="T"/> (one scalar, or a 128-, 256- or
/// 512-bit vector), so an update rule is written once and runs on every width with the same operations
/// in the same order; the JIT specializes each use for the concrete struct.
/// </summary>
internal interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Values per register.</summary>
    static abstract int Count { get; }

    static abstract TSelf Load(ref T source, nuint index);

    static abstract void Store(TSelf value, ref T destination, nuint index);

    static abstract TSelf Broadcast(T value);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Correctly rounded square root, as the scalar <c>T.Sqrt</c>.</summary>
    static abstract TSelf Sqrt(TSelf value);

    /// <summary>IEEE 754:2019 maximum (NaN propagates), as <c>torch.maximum</c>.</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>IEEE 754:2019 minimum (NaN propagates).</summary>
    static abstract TSelf Min(TSelf left, TSelf right);
}
