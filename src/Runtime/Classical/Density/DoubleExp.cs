using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Specialized.Classical;

/// <summary>
/// exp(x) for x ≤ 0 on 128-, 256- and 512-bit double vectors, from multiplies, adds, a floor and bit
/// casts only: the runtime's <c>Vector256.Exp</c> takes a slow path on AVX2 without AVX-512 (about 1 µs per
/// call) and <c>Vector128.Exp</c> is slower still without FMA (x86-64-v2), so kernel density estimation
/// carries its own. The same operations in the same order on every width.
/// </summary>
internal static class DoubleExp
{
    /// <summary>
    /// exp(x) for x ≤ 0, 2 lanes at a time, to about 1e-15 relative: x = k·ln 2 + r with |r| ≤ ½ln 2,
    /// exp(r) by its Taylor series to r¹², and 2^k built in the exponent bits. Below −708 the result is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ExpNonPositive(Vector128<double> x)
    {
        Vector128<double> clamped = Vector128.Max(x, Vector128.Create(-708.0));
        Vector128<double> k = Vector128.Floor(clamped * Vector128.Create(1.4426950408889634) + Vector128.Create(0.5));
        // r = x − k·ln 2 with ln 2 split in two parts so the subtraction is exact.
        Vector128<double> r = clamped - k * Vector128.Create(0.6931471803691238) - k * Vector128.Create(1.9082149292705877e-10);
        Vector128<double> p = Vector128.Create(1.0 / 479001600);
        p = p * r + Vector128.Create(1.0 / 39916800);
        p = p * r + Vector128.Create(1.0 / 3628800);
        p = p * r + Vector128.Create(1.0 / 362880);
        p = p * r + Vector128.Create(1.0 / 40320);
        p = p * r + Vector128.Create(1.0 / 5040);
        p = p * r + Vector128.Create(1.0 / 720);
        p = p * r + Vector128.Create(1.0 / 120);
        p = p * r + Vector128.Create(1.0 / 24);
        p = p * r + Vector128.Create(1.0 / 6);
        p = p * r + Vector128.Create(0.5);
        p = p * r + Vector128<double>.One;
        p = p * r + Vector128<double>.One;
        // k as an integer without a double→long conversion (AVX2 has none; the fallback is scalar): adding
        // 1.5·2⁵² puts k in the low mantissa bits, and subtracting the constant's own bits leaves it.
        Vector128<double> magic = Vector128.Create(6755399441055744.0);
        Vector128<long> integer = (k + magic).AsInt64() - magic.AsInt64();
        Vector128<long> exponent = Vector128.ShiftLeft(integer + Vector128.Create(1023L), 52);
        Vector128<double> result = p * exponent.AsDouble();
        return Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(-708.0)), result, Vector128<double>.Zero);
    }

    /// <summary>exp(x) for x ≤ 0, 4 lanes at a time; see the 128-bit overload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpNonPositive(Vector256<double> x)
    {
        Vector256<double> clamped = Vector256.Max(x, Vector256.Create(-708.0));
        Vector256<double> k = Vector256.Floor(clamped * Vector256.Create(1.4426950408889634) + Vector256.Create(0.5));
        // r = x − k·ln 2 with ln 2 split in two parts so the subtraction is exact.
        Vector256<double> r = clamped - k * Vector256.Create(0.6931471803691238) - k * Vector256.Create(1.9082149292705877e-10);
        Vector256<double> p = Vector256.Create(1.0 / 479001600);
        p = p * r + Vector256.Create(1.0 / 39916800);
        p = p * r + Vector256.Create(1.0 / 3628800);
        p = p * r + Vector256.Create(1.0 / 362880);
        p = p * r + Vector256.Create(1.0 / 40320);
        p = p * r + Vector256.Create(1.0 / 5040);
        p = p * r + Vector256.Create(1.0 / 720);
        p = p * r + Vector256.Create(1.0 / 120);
        p = p * r + Vector256.Create(1.0 / 24);
        p = p * r + Vector256.Create(1.0 / 6);
        p = p * r + Vector256.Create(0.5);
        p = p * r + Vector256<double>.One;
        p = p * r + Vector256<double>.One;
        // k as an integer without a double→long conversion (AVX2 has none; the fallback is scalar): adding
        // 1.5·2⁵² puts k in the low mantissa bits, and subtracting the constant's own bits leaves it.
        Vector256<double> magic = Vector256.Create(6755399441055744.0);
        Vector256<long> integer = (k + magic).AsInt64() - magic.AsInt64();
        Vector256<long> exponent = Vector256.ShiftLeft(integer + Vector256.Create(1023L), 52);
        Vector256<double> result = p * exponent.AsDouble();
        return Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(-708.0)), result, Vector256<double>.Zero);
    }

    /// <summary>exp(x) for x ≤ 0, 8 lanes at a time; see the 128-bit overload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpNonPositive(Vector512<double> x)
    {
        Vector512<double> clamped = Vector512.Max(x, Vector512.Create(-708.0));
        Vector512<double> k = Vector512.Floor(clamped * Vector512.Create(1.4426950408889634) + Vector512.Create(0.5));
        // r = x − k·ln 2 with ln 2 split in two parts so the subtraction is exact.
        Vector512<double> r = clamped - k * Vector512.Create(0.6931471803691238) - k * Vector512.Create(1.9082149292705877e-10);
        Vector512<double> p = Vector512.Create(1.0 / 479001600);
        p = p * r + Vector512.Create(1.0 / 39916800);
        p = p * r + Vector512.Create(1.0 / 3628800);
        p = p * r + Vector512.Create(1.0 / 362880);
        p = p * r + Vector512.Create(1.0 / 40320);
        p = p * r + Vector512.Create(1.0 / 5040);
        p = p * r + Vector512.Create(1.0 / 720);
        p = p * r + Vector512.Create(1.0 / 120);
        p = p * r + Vector512.Create(1.0 / 24);
        p = p * r + Vector512.Create(1.0 / 6);
        p = p * r + Vector512.Create(0.5);
        p = p * r + Vector512<double>.One;
        p = p * r + Vector512<double>.One;
        // k as an integer without a double→long conversion (AVX2 has none; the fallback is scalar): adding
        // 1.5·2⁵² puts k in the low mantissa bits, and subtracting the constant's own bits leaves it.
        Vector512<double> magic = Vector512.Create(6755399441055744.0);
        Vector512<long> integer = (k + magic).AsInt64() - magic.AsInt64();
        Vector512<long> exponent = Vector512.ShiftLeft(integer + Vector512.Create(1023L), 52);
        Vector512<double> result = p * exponent.AsDouble();
        return Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(-708.0)), result, Vector512<double>.Zero);
    }
}
