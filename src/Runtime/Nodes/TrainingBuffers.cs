using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// What a training step keeps for its backward pass: every value of the graph and its gradient,
/// the state nodes save (BatchNorm's normalized inputs, dropout masks), and scratch. Grown to the
/// largest batch seen and reused, so a step allocates nothing once warm. Owned by one model instance
/// and used only under its exclusive-use guard, so it is never resized while a pass reads it. Every buffer starts
/// on a cache line (<see cref="AlignedFloats"/>), as the parameters do.
/// </summary>
public sealed class TrainingBuffers
{
    private readonly int[] _valueSizes;
    private static readonly AlignedFloats Empty = new(0);
    private readonly AlignedFloats[] _values;
    private readonly AlignedFloats[] _gradients;
    private readonly AlignedFloats[] _saved;
    private readonly AlignedFloats _scratch;
    private int _capacity;

    /// <summary>Buffers for values of <paramref name="valueSizes"/> floats per sample (index = value id), <paramref name="savedCount"/> saved states and <paramref name="scratchFloats"/> floats of scratch.</summary>
    public TrainingBuffers(int[] valueSizes, int savedCount, int scratchFloats)
    {
        ArgumentNullException.ThrowIfNull(valueSizes);
        _valueSizes = (int[])valueSizes.Clone();
        _values = new AlignedFloats[valueSizes.Length];
        _gradients = new AlignedFloats[valueSizes.Length];
        Array.Fill(_values, Empty);
        Array.Fill(_gradients, Empty);
        _saved = new AlignedFloats[savedCount];
        Array.Fill(_saved, Empty);
        _scratch = new AlignedFloats(scratchFloats + BufferLayout.Slack);
    }

    /// <summary>Scratch for a node's backward pass (e.g. a transposed weight matrix).</summary>
    public Span<float> Scratch => _scratch.Span;

    /// <summary>The largest batch the buffers hold.</summary>
    public int Capacity => _capacity;

    /// <summary>Grows every value and gradient buffer to hold <paramref name="rows"/> samples (plus slack).</summary>
    public void EnsureCapacity(int rows)
    {
        if (rows <= _capacity) return;
        // Value 0 is the caller's input: passes read it from the caller's span, so it needs no buffer.
        for (int i = 1; i < _valueSizes.Length; i++)
        {
            if (_valueSizes[i] == 0) continue;
            long length = (long)rows * _valueSizes[i] + BufferLayout.Slack;
            if (length > Array.MaxLength - AlignedFloats.Padding)
                throw new ArgumentOutOfRangeException(nameof(rows), rows, $"A batch of {rows} samples needs {length} floats for one layer's output, more than an array can hold; use smaller batches.");
            _values[i] = new AlignedFloats((int)length);
            _gradients[i] = new AlignedFloats((int)length);
        }
        _capacity = rows;
    }

    /// <summary>The buffer of value <paramref name="id"/> (capacity × size + slack floats).</summary>
    public Span<float> Value(int id) => _values[id].Span;

    /// <summary>The gradient buffer of value <paramref name="id"/>.</summary>
    public Span<float> Gradient(int id) => _gradients[id].Span;

    /// <summary>Saved state <paramref name="index"/>, grown to at least <paramref name="length"/> floats.</summary>
    public Span<float> Saved(int index, int length)
    {
        if (_saved[index].Length < length) _saved[index] = new AlignedFloats(length + BufferLayout.Slack);
        return _saved[index].Span;
    }
}
