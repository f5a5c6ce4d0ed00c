namespace Specialized;

/// <summary>
/// A first-order optimizer that updates a flat parameter buffer in place from its gradient, following
/// the update rule of the <c>torch.optim</c> class of the same name (PyTorch 1.13).
/// </summary>
/// <remarks>
/// State (moments, step count) is sized on the first <see cref="Step"/> for that parameter count and
/// reused afterwards: a step allocates nothing. L2 weight decay, where an optimizer offers it, is part
/// of the step (<c>weightDecay</c> constructor argument), as in PyTorch. One optimizer serves one
/// thread: a <see cref="Step"/> or <see cref="Reset"/> that starts while another is running on the
/// same instance throws <see cref="InvalidOperationException"/> instead of corrupting the state.
/// </remarks>
public interface IOptimizer
{
    /// <summary>The step size; a learning-rate schedule sets it between steps. Must be finite and greater than 0.</summary>
    float LearningRate { get; set; }

    /// <summary>Applies one update to <paramref name="parameters"/> in place from <paramref name="gradients"/> (same length).</summary>
    /// <exception cref="ArgumentException">The lengths differ, or differ from the count the optimizer was sized for.</exception>
    /// <exception cref="InvalidOperationException">Another thread is stepping or resetting this optimizer.</exception>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>Forgets all state (moments, step count), so the next step is a first step, of any length.</summary>
    /// <exception cref="InvalidOperationException">Another thread is stepping or resetting this optimizer.</exception>
    void Reset();
}
