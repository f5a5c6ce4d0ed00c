namespace Specialized.Nodes;

/// <summary>
/// What a streaming model instance carries between steps: every recurrent layer's hidden (and cell) state,
/// and the scratch between layers of one step. Made on the instance's first <c>ResetState</c> or <c>Step</c>,
/// so models that never stream pay nothing.
/// </summary>
public sealed class StreamingState
{
    internal StreamingState(int stateFloats, int workFloats)
    {
        State = new float[stateFloats];
        Work = new float[workFloats];
    }

    internal float[] State { get; }

    internal float[] Work { get; }
}
