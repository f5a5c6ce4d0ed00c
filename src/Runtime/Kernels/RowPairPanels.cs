using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Specialized.Kernels;

/// <summary>
/// What the row-pair walks of the float product (<see cref="MatrixProduct"/>) and the double product
/// (<c>LinearAlgebra.MatrixMultiply</c>) share: whether a multiply-add is one instruction, how many registers of
/// C a panel takes, and those counts as types so that the JIT folds them into each block.
/// </summary>
internal static class RowPairPanels
{
    /// <summary>
    /// One instruction per multiply-add: FMA3 on x64, NEON on ARM64. Read by the JIT as a constant, so a machine
    /// compiles only the walk it runs (without it, 128-bit code takes the row-pair blocks, built for 16 registers).
    /// </summary>
    public static bool FusedMultiplyAdd => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>
    /// Registers of C in the next panel when <paramref name="left"/> remain: six at a time, and a remainder of one or
    /// two borrows from the last six (7 → 4 + 3, 8 → 4 + 4), so only products of one or two registers in all run the
    /// narrowest panels, whose few accumulators cannot hide the add's latency on their own.
    /// </summary>
    public static int Width(int left) => left >= 9 || left == 6 ? 6 : left >= 7 ? 4 : left;
}

/// <summary>Registers of C per row of a row-pair block, as a type so that the JIT folds it.</summary>
internal interface IRegisterCount
{
    static abstract int Value { get; }
}

internal readonly struct Registers1 : IRegisterCount { public static int Value => 1; }

internal readonly struct Registers2 : IRegisterCount { public static int Value => 2; }

internal readonly struct Registers3 : IRegisterCount { public static int Value => 3; }

internal readonly struct Registers4 : IRegisterCount { public static int Value => 4; }

internal readonly struct Registers5 : IRegisterCount { public static int Value => 5; }

internal readonly struct Registers6 : IRegisterCount { public static int Value => 6; }
