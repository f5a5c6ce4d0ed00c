using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// What a streaming model instance carries between steps: every recurrent layer's hidden (and cell) state,
/// and the scratch between layers of one step. Made on the instance's first <c>ResetState</c> or <c>Step</c>,
/// so models that never stream pay nothing. Both start on a cache line (<see cref="AlignedFloats"/>): each step
/// reloads h_{t−1} on its dependency chain, and a register load that spans two lines is slower.
/// </summary>
public sealed class StreamingState
{
    private readonly AlignedFloats _state, _work;

    internal StreamingState(int stateFloats, int workFloats)
    {
        _state = new AlignedFloats(stateFloats);
        _work = new AlignedFloats(workFloats);
    }

    internal Span<float> State => _state.Span;

    internal Span<float> Work => _work.Span;
}
