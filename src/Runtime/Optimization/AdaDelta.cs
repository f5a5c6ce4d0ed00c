using System.Numerics;
using static System.FormattableString;

namespace Specialized;

/// <summary>
/// AdaDelta, exactly as <c>torch.optim.Adadelta</c>: <c>g = g + λθ</c>; <c>v = ρv + (1 − ρ)g²</c>;
/// <c>Δ = √(u + ε) / √(v + ε) · g</c>; <c>u = ρu + (1 − ρ)Δ²</c>; <c>θ = θ − γΔ</c>.
/// Here ε is added inside both square roots.
/// </summary>
public sealed class AdaDelta : IOptimizer
{
    private readonly AdaDeltaCore<float> _core;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">γ, greater than 0; 1 is AdaDelta as published.</param>
    /// <param name="rho">ρ, the smoothing constant of both running averages, in [0, 1].</param>
    /// <param name="epsilon">ε, greater than 0, added inside the square roots.</param>
    /// <param name="weightDecay">λ, the L2 penalty coefficient added to the gradient, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range (the message names it).</exception>
    public AdaDelta(float learningRate = 1f, float rho = 0.9f, float epsilon = 1e-6f, float weightDecay = 0) =>
        _core = new AdaDeltaCore<float>(learningRate, rho, epsilon, weightDecay) { Owner = this };

    /// <inheritdoc/>
    public float LearningRate { get => (float)_core.LearningRate; set => _core.LearningRate = value; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _core.Step(parameters, gradients);

    /// <inheritdoc/>
    public void Reset() => _core.Reset();

    /// <summary>The optimizer and its hyper-parameters in PyTorch's notation, for training reports.</summary>
    public override string ToString() => _core.ToString();
}

/// <summary>The <see cref="AdaDelta"/> update for any floating-point element type.</summary>
internal sealed class AdaDeltaCore<T> : OptimizerCore<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _rho, _epsilon, _weightDecay;

    public AdaDeltaCore(double learningRate = 1, double rho = 0.9, double epsilon = 1e-6, double weightDecay = 0)
        : base(nameof(AdaDelta), learningRate, 2)
    {
        Require.UnitInterval(rho, includeOne: true);
        Require.Positive(epsilon);
        Require.NonNegative(weightDecay);
        (_rho, _epsilon, _weightDecay) = (rho, epsilon, weightDecay);
    }

    public override string ToString() =>
        Invariant($"Adadelta(lr={LearningRate}, rho={_rho}, eps={_epsilon}, weight_decay={_weightDecay})");

    protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, long step)
    {
        var update = new Rule(Cast(-LearningRate), Cast(_weightDecay), Cast(_rho), Cast(1 - _rho), Cast(_epsilon), _weightDecay != 0);
        ElementwiseUpdate.Apply(update, parameters, gradients, State(0), State(1), [], Path);
    }

    private readonly struct Rule(T negativeLearningRate, T weightDecay, T rho, T oneMinusRho, T epsilon, bool decays) : IElementwiseUpdate<T>
    {
        public nuint Run<TLanes>(ref T parameters, ref T gradients, ref T squareAverage, ref T deltaAverage, ref T unused, nuint start, nuint end)
            where TLanes : struct, ILanes<TLanes, T>
        {
            TLanes lr = TLanes.Broadcast(negativeLearningRate), lambda = TLanes.Broadcast(weightDecay);
            TLanes r = TLanes.Broadcast(rho), rest = TLanes.Broadcast(oneMinusRho), eps = TLanes.Broadcast(epsilon);
            nuint i = start;
            for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count)
            {
                TLanes p = TLanes.Load(ref parameters, i);
                TLanes g = TLanes.Load(ref gradients, i);
                if (decays) g = g + lambda * p;
                TLanes v = TLanes.Load(ref squareAverage, i) * r + rest * g * g;
                TLanes.Store(v, ref squareAverage, i);
                TLanes u = TLanes.Load(ref deltaAverage, i);
                TLanes delta = TLanes.Sqrt(u + eps) / TLanes.Sqrt(v + eps) * g;
                TLanes.Store(u * r + rest * delta * delta, ref deltaAverage, i);
                TLanes.Store(p + lr * delta, ref parameters, i);
            }
            return i;
        }
    }
}
