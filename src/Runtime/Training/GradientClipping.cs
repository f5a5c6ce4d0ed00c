using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized;

/// <summary>
/// Gradient clipping over a model's flat gradient buffer, so one bad batch cannot throw the weights far:
/// by global L2 norm (<c>torch.nn.utils.clip_grad_norm_</c>) and by value (<c>clip_grad_value_</c>).
/// Vectorized and allocation-free.
/// </summary>
public static class GradientClipping
{
    /// <summary>PyTorch's guard against division by a zero norm in <c>clip_grad_norm_</c>.</summary>
    private const double NormGuard = 1e-6;

    /// <summary>
    /// Scales <paramref name="gradients"/> by <c>maxNorm / (‖g‖₂ + 1e-6)</c> when that factor is below 1, as
    /// <c>clip_grad_norm_</c>; returns the norm before clipping. A model's gradient buffer holds every
    /// tensor, so this is the global norm over all of them.
    /// </summary>
    /// <remarks>
    /// A NaN or infinite norm is returned with the gradients left unchanged, so the caller can stop
    /// training on it instead of stepping with zeroed or NaN gradients.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not finite and greater than 0.</exception>
    public static float ClipByNorm(Span<float> gradients, float maxNorm)
    {
        Require.Positive(maxNorm);
        double norm = L2Norm(gradients);
        if (!double.IsFinite(norm)) return (float)norm;
        double scale = maxNorm / (norm + NormGuard);
        if (scale < 1) Scale(gradients, (float)scale);
        return (float)norm;
    }

    /// <summary>Clamps every gradient to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>], as <c>clip_grad_value_</c>; NaN stays NaN.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and greater than 0.</exception>
    public static void ClipByValue(Span<float> gradients, float clipValue)
    {
        Require.Positive(clipValue);
        ref float start = ref MemoryMarshal.GetReference(gradients);
        nuint end = (nuint)gradients.Length;
        nuint done = VectorPaths.Resolve(VectorPath.Auto) switch
        {
            VectorPath.Vector512 => Clamp<Lanes512<float>>(ref start, 0, end, clipValue),
            VectorPath.Vector256 => Clamp<Lanes256<float>>(ref start, 0, end, clipValue),
            VectorPath.Vector128 => Clamp<Lanes128<float>>(ref start, 0, end, clipValue),
            _ => 0,
        };
        Clamp<ScalarLane<float>>(ref start, done, end, clipValue);
    }

    /// <summary>
    /// The L2 norm of <paramref name="values"/>, accumulated in double (as PyTorch accumulates float norms
    /// on the CPU), so a 100k-parameter buffer loses no precision. The summation order depends only on the
    /// length and the vector width, never on alignment.
    /// </summary>
    public static double L2Norm(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        nuint length = (nuint)values.Length, i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> even = Vector256<double>.Zero, odd = Vector256<double>.Zero;
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(Vector256.LoadUnsafe(ref start, i));
                even += lower * lower;
                odd += upper * upper;
            }
            sum = Vector256.Sum(even + odd);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<double> even = Vector128<double>.Zero, odd = Vector128<double>.Zero;
            for (; i + (nuint)Vector128<float>.Count <= length; i += (nuint)Vector128<float>.Count)
            {
                (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(Vector128.LoadUnsafe(ref start, i));
                even += lower * lower;
                odd += upper * upper;
            }
            sum = Vector128.Sum(even + odd);
        }
        for (; i < length; i++)
        {
            double value = Unsafe.Add(ref start, i);
            sum += value * value;
        }
        return Math.Sqrt(sum);
    }

    private static void Scale(Span<float> values, float factor)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        nuint end = (nuint)values.Length;
        nuint done = VectorPaths.Resolve(VectorPath.Auto) switch
        {
            VectorPath.Vector512 => Multiply<Lanes512<float>>(ref start, 0, end, factor),
            VectorPath.Vector256 => Multiply<Lanes256<float>>(ref start, 0, end, factor),
            VectorPath.Vector128 => Multiply<Lanes128<float>>(ref start, 0, end, factor),
            _ => 0,
        };
        Multiply<ScalarLane<float>>(ref start, done, end, factor);
    }

    private static nuint Multiply<TLanes>(ref float values, nuint start, nuint end, float factor) where TLanes : struct, ILanes<TLanes, float>
    {
        TLanes scale = TLanes.Broadcast(factor);
        nuint i = start;
        for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count) TLanes.Store(TLanes.Load(ref values, i) * scale, ref values, i);
        return i;
    }

    private static nuint Clamp<TLanes>(ref float values, nuint start, nuint end, float limit) where TLanes : struct, ILanes<TLanes, float>
    {
        TLanes low = TLanes.Broadcast(-limit), high = TLanes.Broadcast(limit);
        nuint i = start;
        for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count)
            TLanes.Store(TLanes.Min(TLanes.Max(TLanes.Load(ref values, i), low), high), ref values, i);
        return i;
    }
}
