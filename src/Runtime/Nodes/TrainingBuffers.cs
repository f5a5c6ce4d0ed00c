using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// What a training step keeps for its backward pass: every value of the graph and its gradient,
/// the state nodes save (BatchNorm's normalized inputs, dropout masks), and scratch. Grown to the
/// largest batch seen and reused, so a step allocates nothing once warm. Owned by one model instance
/// and used only under its exclusive-use guard, so it is never resized while a pass reads it.
/// </summary>
public sealed class TrainingBuffers
{
    private readonly int[] _valueSizes;
    private readonly float[][] _values;
    private readonly float[][] _gradients;
    private readonly float[][] _saved;
    private int _capacity;

    /// <summary>Buffers for values of <paramref name="valueSizes"/> floats per sample (index = value id), <paramref name="savedCount"/> saved states and <paramref name="scratchFloats"/> floats of scratch.</summary>
    public TrainingBuffers(int[] valueSizes, int savedCount, int scratchFloats)
    {
        ArgumentNullException.ThrowIfNull(valueSizes);
        _valueSizes = (int[])valueSizes.Clone();
        _values = new float[valueSizes.Length][];
        _gradients = new float[valueSizes.Length][];
        for (int i = 0; i < valueSizes.Length; i++) _values[i] = _gradients[i] = [];
        _saved = new float[savedCount][];
        for (int i = 0; i < savedCount; i++) _saved[i] = [];
        Scratch = new float[scratchFloats + BufferLayout.Slack];
    }

    /// <summary>Scratch for a node's backward pass (e.g. a transposed weight matrix).</summary>
    public float[] Scratch { get; }

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
            if (length > Array.MaxLength)
                throw new ArgumentOutOfRangeException(nameof(rows), rows, $"A batch of {rows} samples needs {length} floats for one layer's output, more than an array can hold; use smaller batches.");
            _values[i] = new float[length];
            _gradients[i] = new float[length];
        }
        _capacity = rows;
    }

    /// <summary>The buffer of value <paramref name="id"/> (capacity × size + slack floats).</summary>
    public Span<float> Value(int id) => _values[id];

    /// <summary>The gradient buffer of value <paramref name="id"/>.</summary>
    public Span<float> Gradient(int id) => _gradients[id];

    /// <summary>Saved state <paramref name="index"/>, grown to at least <paramref name="length"/> floats.</summary>
    public Span<float> Saved(int index, int length)
    {
        if (_saved[index].Length < length) _saved[index] = new float[length + BufferLayout.Slack];
        return _saved[index];
    }
}
