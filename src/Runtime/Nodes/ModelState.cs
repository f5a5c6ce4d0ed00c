using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// Everything one model instance owns: parameters, their gradients, buffers, the training buffers,
/// the training step that keys dropout masks, and the guard that keeps two threads from mutating it
/// at once. Flat buffers carry <see cref="BufferLayout.Slack"/> so kernels may touch a whole register at a tail,
/// and start on a cache line (<see cref="AlignedFloats"/>) so no weight row's register load spans two lines.
/// </summary>
public sealed class ModelState
{
    private readonly AlignedFloats _parameters, _gradients, _buffers;

    /// <summary>Allocates zeroed state of <paramref name="layout"/>.</summary>
    public ModelState(ModelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _parameters = new AlignedFloats(layout.ParameterCount + BufferLayout.Slack);
        _gradients = new AlignedFloats(layout.ParameterCount + BufferLayout.Slack);
        _buffers = new AlignedFloats(layout.BufferCount + BufferLayout.Slack);
        IntegerBuffers = new long[layout.IntegerBufferCount];
        Training = new TrainingBuffers(layout.ValueSizes, layout.SavedCount, layout.ScratchFloats);
    }

    /// <summary>The sizes this state was made for.</summary>
    public ModelLayout Layout { get; }

    /// <summary>Trainable parameters (plus slack).</summary>
    public Span<float> Parameters => _parameters.Span;

    /// <summary>Gradients, laid out as <see cref="Parameters"/>.</summary>
    public Span<float> Gradients => _gradients.Span;

    /// <summary>Float buffers (plus slack).</summary>
    public Span<float> Buffers => _buffers.Span;

    /// <summary>Integer buffers.</summary>
    public long[] IntegerBuffers { get; }

    /// <summary>Values, gradients and saved state of the last training step.</summary>
    public TrainingBuffers Training { get; }

    /// <summary>Detects concurrent mutation.</summary>
    public ExclusiveUse Exclusive { get; } = new();

    /// <summary>The seed dropout masks are keyed by (the model's initial or last reset seed).</summary>
    public ulong Seed { get; set; }

    /// <summary>Training steps taken; keys dropout masks, so setting it back replays a step's masks.</summary>
    public long Step { get; set; }
}
