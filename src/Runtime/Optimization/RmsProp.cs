using System.Numerics;
using static System.FormattableString;

namespace Specialized;

/// <summary>
/// RMSProp, exactly as <c>torch.optim.RMSprop</c>: <c>g = g + λθ</c>; <c>v = αv + (1 − α)g²</c>;
/// centered: <c>ḡ = αḡ + (1 − α)g</c>, <c>s = √(v − ḡ²) + ε</c>, else <c>s = √v + ε</c>;
/// with momentum <c>b = μb + g/s</c>, <c>θ = θ − γb</c>, else <c>θ = θ − γg/s</c>.
/// Note that ε is added outside the square root.
/// </summary>
public sealed class RmsProp : IOptimizer
{
    private readonly RmsPropCore<float> _core;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">γ, greater than 0.</param>
    /// <param name="alpha">α, the smoothing constant of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">ε, greater than 0, added to the root for stability.</param>
    /// <param name="weightDecay">λ, the L2 penalty coefficient added to the gradient, 0 or more.</param>
    /// <param name="momentum">μ, 0 or more; 0 turns momentum off.</param>
    /// <param name="centered">Normalize by the estimated variance of the gradient instead of its raw second moment.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range (the message names it).</exception>
    public RmsProp(float learningRate = 1e-2f, float alpha = 0.99f, float epsilon = 1e-8f, float weightDecay = 0, float momentum = 0, bool centered = false) =>
        _core = new RmsPropCore<float>(learningRate, alpha, epsilon, weightDecay, momentum, centered) { Owner = this };

    /// <inheritdoc/>
    public float LearningRate { get => (float)_core.LearningRate; set => _core.LearningRate = value; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _core.Step(parameters, gradients);

    /// <inheritdoc/>
    public void Reset() => _core.Reset();

    /// <summary>The optimizer and its hyper-parameters in PyTorch's notation, for training reports.</summary>
    public override string ToString() => _core.ToString();
}

/// <summary>The <see cref="RmsProp"/> update for any floating-point element type.</summary>
internal sealed class RmsPropCore<T> : OptimizerCore<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _alpha, _epsilon, _weightDecay, _momentum;
    private readonly bool _centered;

    public RmsPropCore(double learningRate = 1e-2, double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(nameof(RmsProp), learningRate, 1 + (centered ? 1 : 0) + (momentum != 0 ? 1 : 0))
    {
        Require.UnitInterval(alpha);
        Require.Positive(epsilon);
        Require.NonNegative(weightDecay);
        Require.NonNegative(momentum);
        (_alpha, _epsilon, _weightDecay, _momentum, _centered) = (alpha, epsilon, weightDecay, momentum, centered);
    }

    public override string ToString() =>
        Invariant($"RMSprop(lr={LearningRate}, alpha={_alpha}, eps={_epsilon}, weight_decay={_weightDecay}, momentum={_momentum}, centered={_centered})");

    protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, long step)
    {
        var update = new Rule(Cast(-LearningRate), Cast(_weightDecay), Cast(_alpha), Cast(1 - _alpha), Cast(_epsilon), Cast(_momentum),
            _weightDecay != 0, _centered, _momentum != 0);
        // Buffers: squared-gradient average, then the gradient average when centered, then the momentum buffer.
        Span<T> average = _centered ? State(1) : [];
        Span<T> momentum = State(_centered ? 2 : 1);
        ElementwiseUpdate.Apply(update, parameters, gradients, State(0), average, momentum, Path);
    }

    private readonly struct Rule(T negativeLearningRate, T weightDecay, T alpha, T oneMinusAlpha, T epsilon, T momentum,
        bool decays, bool centered, bool hasMomentum) : IElementwiseUpdate<T>
    {
        public nuint Run<TLanes>(ref T parameters, ref T gradients, ref T squareAverage, ref T gradientAverage, ref T buffer, nuint start, nuint end)
            where TLanes : struct, ILanes<TLanes, T>
        {
            TLanes lr = TLanes.Broadcast(negativeLearningRate), lambda = TLanes.Broadcast(weightDecay);
            TLanes a = TLanes.Broadcast(alpha), rest = TLanes.Broadcast(oneMinusAlpha);
            TLanes eps = TLanes.Broadcast(epsilon), mu = TLanes.Broadcast(momentum);
            nuint i = start;
            for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count)
            {
                TLanes p = TLanes.Load(ref parameters, i);
                TLanes g = TLanes.Load(ref gradients, i);
                if (decays) g = g + lambda * p;
                TLanes v = TLanes.Load(ref squareAverage, i) * a + rest * g * g;
                TLanes.Store(v, ref squareAverage, i);
                TLanes root;
                if (centered)
                {
                    TLanes mean = TLanes.Load(ref gradientAverage, i) * a + rest * g;
                    TLanes.Store(mean, ref gradientAverage, i);
                    root = TLanes.Sqrt(v - mean * mean);
                }
                else
                {
                    root = TLanes.Sqrt(v);
                }
                TLanes s = root + eps;
                if (hasMomentum)
                {
                    TLanes b = TLanes.Load(ref buffer, i) * mu + g / s;
                    TLanes.Store(b, ref buffer, i);
                    p = p + lr * b;
                }
                else
                {
                    p = p + lr * g / s;
                }
                TLanes.Store(p, ref parameters, i);
            }
            return i;
        }
    }
}
