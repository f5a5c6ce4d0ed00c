using System.Runtime.InteropServices;
using Specialized.LinearAlgebra;

namespace Specialized.Classical;

/// <summary>
/// Dot product and axpy over double spans, the two kernels of the softmax-regression objective: the
/// length checks of a span API in front of <see cref="RowKernels"/>, which runs the widest accelerated
/// width (512-, 256-, 128-bit or scalar; a forced one in tests). The dot product keeps two independent
/// accumulators and reduces them in a fixed order, so its result depends on the length and the vector
/// width only, never on alignment.
/// </summary>
internal static class DoubleKernels
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, VectorPath path = VectorPath.Auto)
    {
        if (a.Length != b.Length) throw new ArgumentException($"a has {a.Length} elements and b {b.Length}; they must match.", nameof(b));
        return RowKernels.Dot(VectorPaths.Resolve(path), ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), (nuint)a.Length);
    }

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y, VectorPath path = VectorPath.Auto)
    {
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} elements and y {y.Length}; they must match.", nameof(y));
        RowKernels.Axpy(VectorPaths.Resolve(path), a, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), (nuint)x.Length);
    }
}
