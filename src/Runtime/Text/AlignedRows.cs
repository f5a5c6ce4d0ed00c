using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Text;

/// <summary>
/// A rows × stride float matrix whose rows start on 64-byte boundaries (a pinned array with an offset),
/// so a 512-bit load of a row never splits a cache line. Zero-initialized.
/// </summary>
internal sealed class AlignedRows
{
    private readonly float[] _storage;
    private readonly int _offset;

    public AlignedRows(int rows, int stride)
    {
        Rows = rows;
        Stride = stride;
        _storage = GC.AllocateArray<float>(checked(rows * stride + EmbeddingKernels.RowAlignment), pinned: true);
        unsafe
        {
            nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
            _offset = (int)((64 - address % 64) % 64 / sizeof(float));
        }
    }

    public int Rows { get; }

    public int Stride { get; }

    /// <summary>The first element of row 0.</summary>
    public ref float Origin => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _offset);

    /// <summary>All rows, padding included.</summary>
    public Span<float> All => _storage.AsSpan(_offset, Rows * Stride);

    /// <summary>One row, padding included.</summary>
    public Span<float> Row(int row) => _storage.AsSpan(_offset + row * Stride, Stride);
}
