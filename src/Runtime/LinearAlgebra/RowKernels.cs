using System.Runtime.CompilerServices;

namespace Specialized.LinearAlgebra;

/// <summary>
/// The level-1 operations of the eigen-solver on contiguous rows: dot product, axpy, the symmetric
/// rank-2 row update and a plane rotation of two rows. Each is written once over
/// <see cref="IDoubleLanes{TSelf}"/> and run at the width the caller resolved; the tail goes through
/// the same code at scalar width. Callers check lengths once per matrix; these take refs and counts.
/// The dot product keeps two accumulators reduced in a fixed order, so results depend on the length
/// and the width only, never on alignment.
/// </summary>
internal static class RowKernels
{
    public static double Dot(VectorPath path, ref double x, ref double y, nuint n) => path switch
    {
        VectorPath.Vector512 => Dot<Double512>(ref x, ref y, n),
        VectorPath.Vector256 => Dot<Double256>(ref x, ref y, n),
        VectorPath.Vector128 => Dot<Double128>(ref x, ref y, n),
        _ => Dot<ScalarDouble>(ref x, ref y, n),
    };

    /// <summary>y += a·x.</summary>
    public static void Axpy(VectorPath path, double a, ref double x, ref double y, nuint n)
    {
        switch (path)
        {
            case VectorPath.Vector512: Axpy<Double512>(a, ref x, ref y, n); break;
            case VectorPath.Vector256: Axpy<Double256>(a, ref x, ref y, n); break;
            case VectorPath.Vector128: Axpy<Double128>(a, ref x, ref y, n); break;
            default: Axpy<ScalarDouble>(a, ref x, ref y, n); break;
        }
    }

    /// <summary>z −= a·x + b·y.</summary>
    public static void Rank2(VectorPath path, double a, ref double x, double b, ref double y, ref double z, nuint n)
    {
        switch (path)
        {
            case VectorPath.Vector512: Rank2<Double512>(a, ref x, b, ref y, ref z, n); break;
            case VectorPath.Vector256: Rank2<Double256>(a, ref x, b, ref y, ref z, n); break;
            case VectorPath.Vector128: Rank2<Double128>(a, ref x, b, ref y, ref z, n); break;
            default: Rank2<ScalarDouble>(a, ref x, b, ref y, ref z, n); break;
        }
    }

    /// <summary>(x, y) ← (c·x − s·y, s·x + c·y).</summary>
    public static void Rotate(VectorPath path, double c, double s, ref double x, ref double y, nuint n)
    {
        switch (path)
        {
            case VectorPath.Vector512: Rotate<Double512>(c, s, ref x, ref y, n); break;
            case VectorPath.Vector256: Rotate<Double256>(c, s, ref x, ref y, n); break;
            case VectorPath.Vector128: Rotate<Double128>(c, s, ref x, ref y, n); break;
            default: Rotate<ScalarDouble>(c, s, ref x, ref y, n); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see MatrixMultiply.Multiply<TL>
    private static double Dot<TL>(ref double x, ref double y, nuint n) where TL : struct, IDoubleLanes<TL>
    {
        nuint width = (nuint)TL.Count, i = 0;
        TL s0 = TL.Zero, s1 = TL.Zero;
        for (; i + 2 * width <= n; i += 2 * width)
        {
            s0 = TL.MultiplyAdd(TL.Load(ref x, i), TL.Load(ref y, i), s0);
            s1 = TL.MultiplyAdd(TL.Load(ref x, i + width), TL.Load(ref y, i + width), s1);
        }
        if (i + width <= n)
        {
            s0 = TL.MultiplyAdd(TL.Load(ref x, i), TL.Load(ref y, i), s0);
            i += width;
        }
        double sum = TL.Sum(s0 + s1);
        for (; i < n; i++) sum = double.MultiplyAddEstimate(Unsafe.Add(ref x, i), Unsafe.Add(ref y, i), sum);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see MatrixMultiply.Multiply<TL>
    private static void Axpy<TL>(double a, ref double x, ref double y, nuint n) where TL : struct, IDoubleLanes<TL>
    {
        nuint width = (nuint)TL.Count, i = 0;
        TL va = TL.Broadcast(a);
        for (; i + width <= n; i += width) TL.Store(TL.MultiplyAdd(va, TL.Load(ref x, i), TL.Load(ref y, i)), ref y, i);
        for (; i < n; i++) Unsafe.Add(ref y, i) = double.MultiplyAddEstimate(a, Unsafe.Add(ref x, i), Unsafe.Add(ref y, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see MatrixMultiply.Multiply<TL>
    private static void Rank2<TL>(double a, ref double x, double b, ref double y, ref double z, nuint n) where TL : struct, IDoubleLanes<TL>
    {
        nuint width = (nuint)TL.Count, i = 0;
        TL na = TL.Broadcast(-a), nb = TL.Broadcast(-b);
        for (; i + width <= n; i += width)
            TL.Store(TL.MultiplyAdd(na, TL.Load(ref x, i), TL.MultiplyAdd(nb, TL.Load(ref y, i), TL.Load(ref z, i))), ref z, i);
        for (; i < n; i++)
            Unsafe.Add(ref z, i) = double.MultiplyAddEstimate(-a, Unsafe.Add(ref x, i), double.MultiplyAddEstimate(-b, Unsafe.Add(ref y, i), Unsafe.Add(ref z, i)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // see MatrixMultiply.Multiply<TL>
    private static void Rotate<TL>(double c, double s, ref double x, ref double y, nuint n) where TL : struct, IDoubleLanes<TL>
    {
        nuint width = (nuint)TL.Count, i = 0;
        TL vc = TL.Broadcast(c), vs = TL.Broadcast(s), ns = TL.Broadcast(-s);
        for (; i + width <= n; i += width)
        {
            TL xi = TL.Load(ref x, i), yi = TL.Load(ref y, i);
            TL.Store(TL.MultiplyAdd(ns, yi, vc * xi), ref x, i);
            TL.Store(TL.MultiplyAdd(vs, xi, vc * yi), ref y, i);
        }
        for (; i < n; i++)
        {
            double xi = Unsafe.Add(ref x, i), yi = Unsafe.Add(ref y, i);
            Unsafe.Add(ref x, i) = double.MultiplyAddEstimate(-s, yi, c * xi);
            Unsafe.Add(ref y, i) = double.MultiplyAddEstimate(s, xi, c * yi);
        }
    }
}
