using System.Runtime.Intrinsics;

namespace Specialized.Kernels;

/// <summary>The register width a generated code path is written for.</summary>
public enum SimdWidth
{
    /// <summary>Plain float arithmetic: the reference path, and the fallback without SIMD.</summary>
    Scalar = 0,
    /// <summary>128-bit vectors (SSE / NEON).</summary>
    Vector128,
    /// <summary>256-bit vectors (AVX2).</summary>
    Vector256,
    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}

/// <summary>Chooses the path generated code takes.</summary>
public static class SimdWidths
{
    /// <summary>
    /// The widest width the runtime reports as hardware-accelerated. On Cascade Lake .NET reports
    /// Vector512 as not accelerated unless <c>DOTNET_PreferredVectorBitWidth=512</c> is set, so this
    /// follows that setting. Read once: the JIT treats it as a constant.
    /// </summary>
    public static readonly SimdWidth Best =
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;
}
