namespace Specialized;

/// <summary>
/// A generated model that runs one time step at a time (real-time audio, sensors): the generator adds it to
/// every model on a sequence whose layers all work step by step (recurrent layers, stacked or not, Dropout,
/// and Dense layers after the last recurrent one). The hidden (and cell) state lives in the instance.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Step"/> after <see cref="ResetState"/> and t calls gives what <see cref="IModel.Forward"/> gives
/// for the sequence of those t steps: a model whose last recurrent layer returns sequences gives that step's
/// row of its output, a model that ends in the last hidden state (then Dense layers) gives the output the
/// sequence would have if it ended at that step. Results agree with Forward to float rounding (the sums run
/// in another order), not bit for bit.
/// </para>
/// <para>
/// Weights: Step reads <see cref="IModel.Parameters"/> where they are stored (no packed copy, nothing to
/// invalidate), so a change by an optimizer, <see cref="IModel.LoadWeights(string)"/> or a direct write is seen by the
/// next Step; the hidden state is kept across such a change until <see cref="ResetState"/>.
/// </para>
/// <para>
/// Thread safety: the streaming state belongs to the instance and Step mutates it without a lock (a lock or
/// interlocked guard would cost as much as a small step), so one instance serves one stream on one thread at a
/// time; use one instance per stream. Step never touches the state of <see cref="IModel.Forward"/> or training,
/// but it must not run while another thread trains or loads weights into the same instance.
/// </para>
/// </remarks>
public interface IStreamingModel : IModel
{
    /// <summary>Floats of one time step's input (the model's Features).</summary>
    static abstract int StepInputSize { get; }

    /// <summary>Floats one step writes: the last recurrent layer's hidden size, or the Dense head's outputs.</summary>
    static abstract int StepOutputSize { get; }

    /// <summary>Starts a new sequence: zero hidden (and cell) state, as at the start of every Forward.</summary>
    void ResetState();

    /// <summary>
    /// Feeds one time step <paramref name="x"/> (<see cref="StepInputSize"/> floats) and writes the model's output for
    /// the sequence so far to <paramref name="y"/> (<see cref="StepOutputSize"/> floats). Allocates nothing after the
    /// instance's first step.
    /// </summary>
    void Step(ReadOnlySpan<float> x, Span<float> y);
}
