using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The streaming step of one declared model, as the generator emits it beside its <see cref="IModelGraph"/>:
/// sizes as constants and one call per layer for one time step of one sample, generic over the register width.
/// </summary>
public interface IStreamingGraph
{
    /// <summary>The declared model's full name, for messages.</summary>
    static abstract string ModelName { get; }

    /// <summary>Floats of one time step's input.</summary>
    static abstract int StepInputSize { get; }

    /// <summary>Floats of one step's output.</summary>
    static abstract int StepOutputSize { get; }

    /// <summary>Floats of state carried from step to step (every recurrent layer's h, and c for an LSTM).</summary>
    static abstract int StateFloats { get; }

    /// <summary>Floats of per-step scratch between layers (with slack).</summary>
    static abstract int WorkFloats { get; }

    /// <summary>One step: <paramref name="y"/> from <paramref name="x"/> and <paramref name="state"/>, which moves to the next step.</summary>
    static abstract void Step<TReg>(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, Span<float> state, Span<float> work, Span<float> y)
        where TReg : struct, IFloatRegister<TReg>;
}
