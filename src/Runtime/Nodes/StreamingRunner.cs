using System.Runtime.CompilerServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The streaming API of every generated model that can stream, written once: argument checks, the
/// register-width dispatch and the state's first allocation. Generic over the model's streaming graph, so
/// each model gets its own specialized copy; a step is one switch and the graph's calls, nothing else.
/// </summary>
public static class StreamingRunner
{
    /// <summary>Zeroes the streaming state (making it on first use): the next step starts a sequence.</summary>
    public static void Reset<TStream>(ref StreamingState? stream) where TStream : struct, IStreamingGraph =>
        Ensure<TStream>(ref stream).State.Clear();

    /// <summary>One time step: <paramref name="y"/> (StepOutputSize floats) from <paramref name="x"/> (StepInputSize floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Step<TStream>(SimdWidth width, ModelState model, ref StreamingState? stream, ReadOnlySpan<float> x, Span<float> y)
        where TStream : struct, IStreamingGraph
    {
        ArgumentNullException.ThrowIfNull(model);
        if (x.Length != TStream.StepInputSize) ThrowLength(nameof(x), x.Length, TStream.StepInputSize, "StepInputSize");
        if (y.Length != TStream.StepOutputSize) ThrowLength(nameof(y), y.Length, TStream.StepOutputSize, "StepOutputSize");
        StreamingState s = Ensure<TStream>(ref stream);
        ReadOnlySpan<float> parameters = model.Parameters;
        switch (width)
        {
            case SimdWidth.Vector512: TStream.Step<Float512>(x, parameters, s.State, s.Work, y); break;
            case SimdWidth.Vector256: TStream.Step<Float256>(x, parameters, s.State, s.Work, y); break;
            case SimdWidth.Vector128: TStream.Step<Float128>(x, parameters, s.State, s.Work, y); break;
            case SimdWidth.Scalar: TStream.Step<FloatScalar>(x, parameters, s.State, s.Work, y); break;
            default: throw ModelChecks.UnknownWidth(width);
        }
    }

    private static StreamingState Ensure<TStream>(ref StreamingState? stream) where TStream : struct, IStreamingGraph =>
        stream ??= new StreamingState(TStream.StateFloats, TStream.WorkFloats);

    private static void ThrowLength(string paramName, int length, int expected, string what) =>
        throw new ArgumentException($"{paramName} has {length} floats; a step of this model takes exactly {what} ({expected}).", paramName);
}
