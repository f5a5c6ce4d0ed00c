using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Specialized.Kernels;

/// <summary>
/// Transposes a matrix in square register tiles, for the dense layer's backward pass (which needs W
/// [Units, Inputs] from the packed Wᵀ every step, since the optimizer changes it between steps). A tile
/// is loaded as whole rows and written as whole columns after a fixed network of shuffles, so a float
/// costs a fraction of a load and a store instead of one scalar load and one strided scalar store each.
/// The width follows the caller's register: 8 × 8 tiles of 256-bit registers for the 256- and 512-bit paths
/// (a 16 × 16 tile of 512-bit registers needs four shuffle stages for the same two memory operations per
/// row, and the matrices here are too small to repay it), 4 × 4 tiles of 128-bit registers for the
/// 128-bit path, one float at a time for the scalar path and on CPUs without the instructions. Edges that
/// do not fill a tile are copied one float at a time.
/// </summary>
internal static class RegisterTranspose
{
    /// <summary>source [rows, columns] → destination [columns, rows]; unchecked, like the products.</summary>
    public static void Run<TReg>(ref float source, int rows, int columns, ref float destination)
        where TReg : struct, IFloatRegister<TReg>
    {
        int tile = TReg.Count >= 8 && Avx.IsSupported ? 8 : TReg.Count == 4 && Sse.IsSupported ? 4 : 1;
        // Without tiles (tile 1) the edge loops below copy everything.
        int tiledRows = tile == 1 ? 0 : rows - rows % tile, tiledColumns = tile == 1 ? 0 : columns - columns % tile;
        if (tile == 8)
        {
            for (int r = 0; r < tiledRows; r += 8)
                for (int c = 0; c < tiledColumns; c += 8)
                    Tile8(ref Unsafe.Add(ref source, r * columns + c), columns, ref Unsafe.Add(ref destination, c * rows + r), rows);
        }
        else if (tile == 4)
        {
            for (int r = 0; r < tiledRows; r += 4)
                for (int c = 0; c < tiledColumns; c += 4)
                    Tile4(ref Unsafe.Add(ref source, r * columns + c), columns, ref Unsafe.Add(ref destination, c * rows + r), rows);
        }
        // The right edge (all rows of the last columns) and the bottom edge (the last rows of the tiled columns).
        for (int r = 0; r < rows; r++)
            for (int c = tiledColumns; c < columns; c++)
                Unsafe.Add(ref destination, c * rows + r) = Unsafe.Add(ref source, r * columns + c);
        for (int r = tiledRows; r < rows; r++)
            for (int c = 0; c < tiledColumns; c++)
                Unsafe.Add(ref destination, c * rows + r) = Unsafe.Add(ref source, r * columns + c);
    }

    // Rows a0..a7 → columns: interleave pairs of rows, then pairs of pairs within each 128-bit half, then swap halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile8(ref float source, int sourceStride, ref float destination, int destinationStride)
    {
        Vector256<float> r0 = Row8(ref source, 0, sourceStride), r1 = Row8(ref source, 1, sourceStride);
        Vector256<float> r2 = Row8(ref source, 2, sourceStride), r3 = Row8(ref source, 3, sourceStride);
        Vector256<float> r4 = Row8(ref source, 4, sourceStride), r5 = Row8(ref source, 5, sourceStride);
        Vector256<float> r6 = Row8(ref source, 6, sourceStride), r7 = Row8(ref source, 7, sourceStride);
        // Per 128-bit half: t0 = [a00 a10 a01 a11 | a04 a14 a05 a15], t1 = [a02 a12 a03 a13 | a06 a16 a07 a17], …
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        // u0 = [column 0, rows 0–3 | column 4, rows 0–3], u1 = columns 1 | 5, u2 = 2 | 6, u3 = 3 | 7; u4–u7 the same for rows 4–7.
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Column8(Avx.Permute2x128(u0, u4, 0x20), ref destination, 0, destinationStride);
        Column8(Avx.Permute2x128(u1, u5, 0x20), ref destination, 1, destinationStride);
        Column8(Avx.Permute2x128(u2, u6, 0x20), ref destination, 2, destinationStride);
        Column8(Avx.Permute2x128(u3, u7, 0x20), ref destination, 3, destinationStride);
        Column8(Avx.Permute2x128(u0, u4, 0x31), ref destination, 4, destinationStride);
        Column8(Avx.Permute2x128(u1, u5, 0x31), ref destination, 5, destinationStride);
        Column8(Avx.Permute2x128(u2, u6, 0x31), ref destination, 6, destinationStride);
        Column8(Avx.Permute2x128(u3, u7, 0x31), ref destination, 7, destinationStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Row8(ref float source, int row, int stride) => Vector256.LoadUnsafe(ref source, (nuint)(row * stride));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column8(Vector256<float> column, ref float destination, int index, int stride) => column.StoreUnsafe(ref destination, (nuint)(index * stride));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4(ref float source, int sourceStride, ref float destination, int destinationStride)
    {
        Vector128<float> r0 = Vector128.LoadUnsafe(ref source), r1 = Vector128.LoadUnsafe(ref source, (nuint)sourceStride);
        Vector128<float> r2 = Vector128.LoadUnsafe(ref source, (nuint)(2 * sourceStride)), r3 = Vector128.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        // t0 = [a00 a10 a01 a11], t1 = [a02 a12 a03 a13], t2 = [a20 a30 a21 a31], t3 = [a22 a32 a23 a33].
        Vector128<float> t0 = Sse.UnpackLow(r0, r1), t1 = Sse.UnpackHigh(r0, r1), t2 = Sse.UnpackLow(r2, r3), t3 = Sse.UnpackHigh(r2, r3);
        Sse.MoveLowToHigh(t0, t2).StoreUnsafe(ref destination);
        Sse.MoveHighToLow(t2, t0).StoreUnsafe(ref destination, (nuint)destinationStride);
        Sse.MoveLowToHigh(t1, t3).StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
        Sse.MoveHighToLow(t3, t1).StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
    }
}
