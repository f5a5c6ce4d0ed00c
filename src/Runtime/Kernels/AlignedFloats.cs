using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Kernels;

/// <summary>
/// A zeroed float buffer whose first float starts a 64-byte cache line. An array's data is only 8-byte
/// aligned and moves when the GC compacts, so a model's weights would start anywhere in a line: then every
/// 512-bit load of a weight row spans two lines, and a batch-1 forward, which streams all weights from L2,
/// took 12–15% longer when the parameters landed misaligned (the same frozen kernels in one process, interleaved
/// minimums on the 2-core Zen 5, 2026-12-01). The array lives on the
/// pinned object heap (it never moves), and the span starts at the first aligned float inside it. The pinned heap is
/// never compacted, so buffers that grow (training buffers, batch after larger batch) leave holes there until collected.
/// </summary>
internal sealed class AlignedFloats
{
    private const int AlignmentBytes = 64;

    /// <summary>Floats allocated beyond <see cref="Length"/> so an aligned start always fits.</summary>
    public const int Padding = AlignmentBytes / sizeof(float) - 1;
    private readonly float[] _array;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed floats, the first on a 64-byte boundary.</summary>
    public unsafe AlignedFloats(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _array = GC.AllocateArray<float>(length + Padding, pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        _offset = (int)((AlignmentBytes - (address & (AlignmentBytes - 1))) & (AlignmentBytes - 1)) / sizeof(float);
    }

    /// <summary>Floats in the buffer.</summary>
    public int Length { get; }

    /// <summary>The buffer: <see cref="Length"/> floats from an aligned address.</summary>
    public Span<float> Span => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset), Length);
}
