using System.Numerics;
using static System.FormattableString;

namespace Specialized;

/// <summary>
/// AdaGrad, exactly as <c>torch.optim.Adagrad</c>: <c>g = g + λθ</c>;
/// <c>γₜ = γ / (1 + (t − 1)η)</c> (learning-rate decay η); <c>s = s + g²</c> (s starts at the initial
/// accumulator value); <c>θ = θ − γₜ g / (√s + ε)</c>.
/// </summary>
public sealed class AdaGrad : IOptimizer
{
    private readonly AdaGradCore<float> _core;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">γ, greater than 0.</param>
    /// <param name="learningRateDecay">η, 0 or more: the step size at step t is γ / (1 + (t − 1)η).</param>
    /// <param name="weightDecay">λ, the L2 penalty coefficient added to the gradient, 0 or more.</param>
    /// <param name="initialAccumulatorValue">The starting value of the sum of squared gradients, 0 or more.</param>
    /// <param name="epsilon">ε, greater than 0, added to the root for stability.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range (the message names it).</exception>
    public AdaGrad(float learningRate = 1e-2f, float learningRateDecay = 0, float weightDecay = 0, float initialAccumulatorValue = 0, float epsilon = 1e-10f) =>
        _core = new AdaGradCore<float>(learningRate, learningRateDecay, weightDecay, initialAccumulatorValue, epsilon) { Owner = this };

    /// <inheritdoc/>
    public float LearningRate { get => (float)_core.LearningRate; set => _core.LearningRate = value; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _core.Step(parameters, gradients);

    /// <inheritdoc/>
    public void Reset() => _core.Reset();

    /// <summary>The optimizer and its hyper-parameters in PyTorch's notation, for training reports.</summary>
    public override string ToString() => _core.ToString();
}

/// <summary>The <see cref="AdaGrad"/> update for any floating-point element type.</summary>
internal sealed class AdaGradCore<T> : OptimizerCore<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _learningRateDecay, _weightDecay, _initialAccumulatorValue, _epsilon;

    public AdaGradCore(double learningRate = 1e-2, double learningRateDecay = 0, double weightDecay = 0, double initialAccumulatorValue = 0, double epsilon = 1e-10)
        : base(nameof(AdaGrad), learningRate, 1)
    {
        Require.NonNegative(learningRateDecay);
        Require.NonNegative(weightDecay);
        Require.NonNegative(initialAccumulatorValue);
        Require.Positive(epsilon);
        (_learningRateDecay, _weightDecay, _initialAccumulatorValue, _epsilon) = (learningRateDecay, weightDecay, initialAccumulatorValue, epsilon);
    }

    public override string ToString() =>
        Invariant($"Adagrad(lr={LearningRate}, lr_decay={_learningRateDecay}, weight_decay={_weightDecay}, initial_accumulator_value={_initialAccumulatorValue}, eps={_epsilon})");

    protected override T InitialState(int buffer) => Cast(_initialAccumulatorValue);

    protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradients, long step)
    {
        double clr = LearningRate / (1 + (step - 1) * _learningRateDecay);
        var update = new Rule(Cast(-clr), Cast(_weightDecay), Cast(_epsilon), _weightDecay != 0);
        ElementwiseUpdate.Apply(update, parameters, gradients, State(0), [], [], Path);
    }

    private readonly struct Rule(T negativeLearningRate, T weightDecay, T epsilon, bool decays) : IElementwiseUpdate<T>
    {
        public nuint Run<TLanes>(ref T parameters, ref T gradients, ref T sum, ref T unused1, ref T unused2, nuint start, nuint end)
            where TLanes : struct, ILanes<TLanes, T>
        {
            TLanes lr = TLanes.Broadcast(negativeLearningRate), lambda = TLanes.Broadcast(weightDecay), eps = TLanes.Broadcast(epsilon);
            nuint i = start;
            for (; i + (nuint)TLanes.Count <= end; i += (nuint)TLanes.Count)
            {
                TLanes p = TLanes.Load(ref parameters, i);
                TLanes g = TLanes.Load(ref gradients, i);
                if (decays) g = g + lambda * p;
                TLanes s = TLanes.Load(ref sum, i) + g * g;
                TLanes.Store(s, ref sum, i);
                TLanes.Store(p + lr * g / (TLanes.Sqrt(s) + eps), ref parameters, i);
            }
            return i;
        }
    }
}
