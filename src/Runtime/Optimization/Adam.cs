using System.Numerics;
using static System.FormattableString;

namespace Specialized;

/// <summary>
/// Adam, exactly as <c>torch.optim.Adam</c>: <c>g = g + λθ</c> (L2 weight decay, coupled to the gradient);
/// <c>m = β₁m + (1 − β₁)g</c>; <c>v = β₂v + (1 − β₂)g²</c>; with AMSGrad <c>v̂ = max(v̂, v)</c>;
/// <c>θ = θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)</c>. Note that ε is added after the bias
/// correction of the root (computed here as a multiplication by 1/√(1 − β₂ᵗ), within one rounding of PyTorch's division). For decoupled weight decay use <see cref="AdamW"/>.
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly AdamCore<float> _core;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">γ, greater than 0.</param>
    /// <param name="beta1">β₁, the decay of the gradient average, in [0, 1).</param>
    /// <param name="beta2">β₂, the decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">ε, greater than 0, added to the bias-corrected root.</param>
    /// <param name="weightDecay">λ, the L2 penalty coefficient added to the gradient, 0 or more.</param>
    /// <param name="amsGrad">Use the running maximum of the squared-gradient average (AMSGrad).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range (the message names it).</exception>
    public Adam(float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0, bool amsGrad = false) =>
        _core = new AdamCore<float>(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: false) { Owner = this };

    /// <inheritdoc/>
    public float LearningRate { get => (float)_core.LearningRate; set => _core.LearningRate = value; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _core.Step(parameters, gradients);

    /// <inheritdoc/>
    public void Reset() => _core.Reset();

    /// <summary>The optimizer and its hyper-parameters in PyTorch's notation, for training reports.</summary>
    public override string ToString() => _core.ToString();
}

/// <summary>
/// The <see cref="Adam"/> and <see cref="AdamW"/> update for any floating-point element type: they differ
/// only in where the weight decay enters.
/// </summary>
internal sealed class AdamCore<T> : OptimizerCore<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _beta1, _beta2, _epsilon, _weightDecay;
    private readonly bool _amsGrad, _decoupled;

    public AdamCore(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool amsGrad, bool decoupled)
        : base(decoupled ? nameof(AdamW) : nameof(Adam), learningRate, amsGrad ? 3 : 2)
    {
        Require.UnitInterval(beta1);
        Require.UnitInterval(beta2);
        Require.Positive(epsilon);
        Require.NonNegative(weightDecay);
        (_beta1, _beta2, _epsilon, _weightDecay, _amsGrad, _decoupled) = (beta1, beta2, epsilon, weightDecay, amsGrad, decoupled);
    }

    public override string ToString() =>
        Invariant($"{(_decoupled ? "AdamW" : "Adam")}(lr={LearningRate}, betas=({_beta1}, {_beta2}), eps={_epsilon}, weight_decay={_weightDecay}, amsgrad={_amsGrad})");

    protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, long step)
    {
        // Step-wide scalars in double, as PyTorch computes them in Python floats.
        double biasCorrection1 = 1 - Math.Pow(_beta1, step);
        double biasCorrection2 = 1 - Math.Pow(_beta2, step);
        var update = new Rule(
            negativeStepSize: Cast(-(LearningRate / biasCorrection1)),
            // PyTorch divides √v by √(1 − β₂ᵗ); multiplying by the reciprocal, computed once per step in
            // double, differs by at most one rounding and frees the divider for the one division that remains.
            inverseBiasCorrection2Root: Cast(1 / Math.Sqrt(biasCorrection2)),
            weightDecay: Cast(_weightDecay),
            shrink: Cast(1 - LearningRate * _weightDecay),
            beta1: Cast(_beta1), oneMinusBeta1: Cast(1 - _beta1),
            beta2: Cast(_beta2), oneMinusBeta2: Cast(1 - _beta2),
            epsilon: Cast(_epsilon),
            coupledDecay: !_decoupled && _weightDecay != 0,
            decoupledDecay: _decoupled && _weightDecay != 0,
            _amsGrad);
        ElementwiseUpdate.Apply(update, parameters, gradients, State(0), State(1), State(2), Path);
    }

    private readonly struct Rule(T negativeStepSize, T inverseBiasCorrection2Root, T weightDecay, T shrink,
        T beta1, T oneMinusBeta1, T beta2, T oneMinusBeta2, T epsilon,
        bool coupledDecay, bool decoupledDecay, bool amsGrad) : IElementwiseUpdate<T>
    {
        public nuint Run<TLanes>(ref T parameters, ref T gradients, ref T average, ref T squareAverage, ref T maxSquareAverage, nuint start, nuint end)
            where TLanes : struct, ILanes<TLanes, T>
        {
            TLanes step = TLanes.Broadcast(negativeStepSize), correction = TLanes.Broadcast(inverseBiasCorrection2Root);
            TLanes lambda = TLanes.Broadcast(weightDecay), keep = TLanes.Broadcast(shrink);
            TLanes b1 = TLanes.Broadcast(beta1), rest1 = TLanes.Broadcast(oneMinusBeta1);
            TLanes b2 = TLanes.Broadcast(beta2), rest2 = TLanes.Broadcast(oneMinusBeta2);
            TLanes eps = TLanes.Broadcast(epsilon);
            nuint i = start;
            for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count)
            {
                TLanes p = TLanes.Load(ref parameters, i);
                TLanes g = TLanes.Load(ref gradients, i);
                if (decoupledDecay) p = p * keep;
                if (coupledDecay) g = g + lambda * p;
                TLanes m = TLanes.Load(ref average, i) * b1 + rest1 * g;
                TLanes v = TLanes.Load(ref squareAverage, i) * b2 + rest2 * g * g;
                TLanes.Store(m, ref average, i);
                TLanes.Store(v, ref squareAverage, i);
                if (amsGrad)
                {
                    v = TLanes.Max(TLanes.Load(ref maxSquareAverage, i), v);
                    TLanes.Store(v, ref maxSquareAverage, i);
                }
                TLanes denominator = TLanes.Sqrt(v) * correction + eps;
                TLanes.Store(p + step * m / denominator, ref parameters, i);
            }
            return i;
        }
    }
}
