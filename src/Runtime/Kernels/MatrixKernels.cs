using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Kernels;

/// <summary>Matrix transposes for weight files and the node kernels (memory-bound, so not specialized).</summary>
public static class MatrixKernels
{
    /// <summary>Writes the transpose of row-major <paramref name="source"/> (rows × columns) into <paramref name="destination"/> (columns × rows).</summary>
    public static void Transpose(ReadOnlySpan<float> source, int rows, int columns, Span<float> destination)
    {
        Require.Length(source, rows, columns, nameof(source));
        if (destination.Length < rows * columns)
            throw new ArgumentException($"destination has {destination.Length} floats; expected at least {rows * columns}.", nameof(destination));
        Transpose(ref MemoryMarshal.GetReference(source), rows, columns, ref MemoryMarshal.GetReference(destination));
    }

    /// <summary>
    /// The unchecked core of <see cref="Transpose(ReadOnlySpan{float}, int, int, Span{float})"/>, for kernels
    /// that have checked their buffers once per call: source [rows, columns] → destination [columns, rows].
    /// </summary>
    internal static void Transpose(ref float source, int rows, int columns, ref float destination)
    {
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
                        Unsafe.Add(ref destination, c * rows + r) = Unsafe.Add(ref source, r * columns + c);
            }
        }
    }
}
