namespace Specialized;

/// <summary>
/// AdamW, exactly as <c>torch.optim.AdamW</c>: Adam with decoupled weight decay. The parameters first
/// shrink, <c>θ = θ(1 − γλ)</c>, then take the <see cref="Adam"/> step with the plain gradient.
/// </summary>
public sealed class AdamW : IOptimizer
{
    private readonly AdamCore<float> _core;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">γ, greater than 0.</param>
    /// <param name="beta1">β₁, the decay of the gradient average, in [0, 1).</param>
    /// <param name="beta2">β₂, the decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">ε, greater than 0, added to the bias-corrected root.</param>
    /// <param name="weightDecay">λ, the decoupled decay coefficient, 0 or more (PyTorch's default 0.01).</param>
    /// <param name="amsGrad">Use the running maximum of the squared-gradient average (AMSGrad).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range (the message names it).</exception>
    public AdamW(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 1e-2f, bool amsGrad = false) =>
        _core = new AdamCore<float>(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: true) { Owner = this };

    /// <inheritdoc/>
    public float LearningRate { get => (float)_core.LearningRate; set => _core.LearningRate = value; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _core.Step(parameters, gradients);

    /// <inheritdoc/>
    public void Reset() => _core.Reset();

    /// <summary>The optimizer and its hyper-parameters in PyTorch's notation, for training reports.</summary>
    public override string ToString() => _core.ToString();
}
