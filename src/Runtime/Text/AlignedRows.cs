using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Text;

/// <summary>
/// A rows × stride float matrix whose rows start on 64-byte boundaries (the stride is a multiple of 16 floats, over
/// <see cref="AlignedFloats"/>), so a 512-bit load of a row never splits a cache line. Zero-initialized.
/// </summary>
internal sealed class AlignedRows
{
    private readonly AlignedFloats _storage;

    public AlignedRows(int rows, int stride)
    {
        Rows = rows;
        Stride = stride;
        _storage = new AlignedFloats(checked(rows * stride));
    }

    public int Rows { get; }

    public int Stride { get; }

    /// <summary>The first element of row 0.</summary>
    public ref float Origin => ref MemoryMarshal.GetReference(_storage.Span);

    /// <summary>All rows, padding included.</summary>
    public Span<float> All => _storage.Span;

    /// <summary>One row, padding included.</summary>
    public Span<float> Row(int row) => _storage.Span.Slice(row * Stride, Stride);
}
