using System.Runtime.Intrinsics;

namespace Specialized;

/// <summary>Which register width an element-wise kernel's main loop uses; the tail is always scalar.</summary>
internal enum VectorPath
{
    /// <summary>The widest width the hardware accelerates, decided at run time.</summary>
    Auto = 0,
    Scalar,
    Vector128,
    Vector256,
    Vector512,
}

internal static class VectorPaths
{
    /// <summary>Resolves <see cref="VectorPath.Auto"/> to the widest accelerated width; an explicit width is kept (tests force each one).</summary>
    public static VectorPath Resolve(VectorPath path) =>
        path != VectorPath.Auto ? path
        : Vector512.IsHardwareAccelerated ? VectorPath.Vector512
        : Vector256.IsHardwareAccelerated ? VectorPath.Vector256
        : Vector128.IsHardwareAccelerated ? VectorPath.Vector128
        : VectorPath.Scalar;
}
