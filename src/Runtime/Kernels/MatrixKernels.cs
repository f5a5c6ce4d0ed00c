using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Kernels;

/// <summary>Shape-generic helpers of the generated backward passes (memory-bound, so not specialized).</summary>
public static class MatrixKernels
{
    /// <summary>Writes the transpose of row-major <paramref name="source"/> (rows × columns) into <paramref name="destination"/> (columns × rows).</summary>
    public static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        Require.Length(source, rows, columns, nameof(source));
        if (destination.Length < rows * columns)
            throw new ArgumentException($"destination has {destination.Length} floats; expected at least {rows * columns}.", nameof(destination));
        // 8×8 tiles keep both the reads and the writes within a few cache lines.
        const int Tile = 8;
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, rows);
            for (int c0 = 0; c0 < columns; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, columns);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++)
                        destination[c * rows + r] = source[r * columns + c];
            }
        }
    }

    /// <summary>Sums each column of row-major <paramref name="matrix"/> (rows × columns) into <paramref name="sums"/>.</summary>
    public static void ColumnSums(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> sums)
    {
        Require.Length(matrix, rows, columns, nameof(matrix));
        Require.Length<float>(sums, columns, nameof(sums), "one sum per column");
        ref float m = ref MemoryMarshal.GetReference(matrix);
        ref float s = ref MemoryMarshal.GetReference(sums);
        int c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= columns; c += 8)
            {
                Vector256<float> sum = Vector256<float>.Zero;
                for (int r = 0; r < rows; r++) sum += Vector256.LoadUnsafe(ref m, (nuint)(r * columns + c));
                sum.StoreUnsafe(ref s, (nuint)c);
            }
        }
        for (; c < columns; c++)
        {
            float sum = 0;
            for (int r = 0; r < rows; r++) sum += Unsafe.Add(ref m, r * columns + c);
            Unsafe.Add(ref s, c) = sum;
        }
    }
}
