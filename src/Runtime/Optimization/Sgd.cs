using System.Numerics;
using static System.FormattableString;

namespace Specialized;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay,
/// exactly as <c>torch.optim.SGD</c>:
/// <c>d = g + λθ</c>; with momentum <c>b = d</c> on the first step, then <c>b = μb + (1 − τ)d</c>;
/// <c>d = d + μb</c> (Nesterov) or <c>d = b</c>; <c>θ = θ − γd</c>.
/// </summary>
public sealed class Sgd : IOptimizer
{
    private readonly SgdCore<float> _core;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">γ, greater than 0.</param>
    /// <param name="momentum">μ, 0 or more; 0 turns momentum off.</param>
    /// <param name="dampening">τ, 0 or more: the share of the new gradient left out of the momentum buffer.</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> &gt; 0 and <paramref name="dampening"/> = 0.</param>
    /// <param name="weightDecay">λ, the L2 penalty coefficient added to the gradient, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">Nesterov momentum without momentum or with dampening.</exception>
    public Sgd(float learningRate, float momentum = 0, float dampening = 0, bool nesterov = false, float weightDecay = 0) =>
        _core = new SgdCore<float>(learningRate, momentum, dampening, nesterov, weightDecay) { Owner = this };

    /// <inheritdoc/>
    public float LearningRate { get => (float)_core.LearningRate; set => _core.LearningRate = value; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _core.Step(parameters, gradients);

    /// <inheritdoc/>
    public void Reset() => _core.Reset();

    /// <summary>The optimizer and its hyper-parameters in PyTorch's notation, for training reports.</summary>
    public override string ToString() => _core.ToString();
}

/// <summary>The <see cref="Sgd"/> update for any floating-point element type.</summary>
internal sealed class SgdCore<T> : OptimizerCore<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _momentum, _dampening, _weightDecay;
    private readonly bool _nesterov;

    public SgdCore(double learningRate, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : base(nameof(Sgd), learningRate, momentum != 0 ? 1 : 0)
    {
        Require.NonNegative(momentum);
        Require.NonNegative(dampening);
        Require.NonNegative(weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException(
                $"nesterov requires momentum > 0 and dampening = 0 (as torch.optim.SGD); got momentum {momentum} and dampening {dampening}.",
                nameof(nesterov));
        }
        _momentum = momentum;
        _dampening = dampening;
        _nesterov = nesterov;
        _weightDecay = weightDecay;
    }

    public override string ToString() =>
        Invariant($"SGD(lr={LearningRate}, momentum={_momentum}, dampening={_dampening}, nesterov={_nesterov}, weight_decay={_weightDecay})");

    protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, long step)
    {
        var update = new Rule(Cast(-LearningRate), Cast(_weightDecay), Cast(_momentum), Cast(1 - _dampening),
            _weightDecay != 0, _momentum != 0, firstStep: step == 1, _nesterov);
        ElementwiseUpdate.Apply(update, parameters, gradients, State(0), [], [], Path);
    }

    private readonly struct Rule(T negativeLearningRate, T weightDecay, T momentum, T oneMinusDampening,
        bool decays, bool hasMomentum, bool firstStep, bool nesterov) : IElementwiseUpdate<T>
    {
        public nuint Run<TLanes>(ref T parameters, ref T gradients, ref T buffer, ref T unused1, ref T unused2, nuint start, nuint end)
            where TLanes : struct, ILanes<TLanes, T>
        {
            TLanes lr = TLanes.Broadcast(negativeLearningRate), lambda = TLanes.Broadcast(weightDecay);
            TLanes mu = TLanes.Broadcast(momentum), keep = TLanes.Broadcast(oneMinusDampening);
            nuint i = start;
            for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count)
            {
                TLanes p = TLanes.Load(ref parameters, i);
                TLanes d = TLanes.Load(ref gradients, i);
                if (decays) d = d + lambda * p;
                if (hasMomentum)
                {
                    TLanes b = firstStep ? d : TLanes.Load(ref buffer, i) * mu + keep * d;
                    TLanes.Store(b, ref buffer, i);
                    d = nesterov ? d + mu * b : b;
                }
                TLanes.Store(p + lr * d, ref parameters, i);
            }
            return i;
        }
    }
}
