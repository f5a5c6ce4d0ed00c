using System.Numerics;

namespace Specialized;

/// <summary>
/// What every optimizer shares, generic over the element type so the same update code runs in single
/// precision (the public optimizers) and double precision (the PyTorch fixture tests): argument checks,
/// state buffers sized once on the first step, the step count, and the learning rate.
/// </summary>
internal abstract class OptimizerCore<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _name;
    private readonly T[][] _state;
    private readonly ExclusiveUse _exclusive = new();
    private double _learningRate;
    private int _sizedFor = -1;

    protected OptimizerCore(string name, double learningRate, int stateCount)
    {
        Require.Positive(learningRate, "learningRate");
        _name = name;
        _learningRate = learningRate;
        _state = new T[stateCount][];
        for (int i = 0; i < stateCount; i++) _state[i] = [];
    }

    /// <summary>The step size; kept in double so schedules and bias corrections compute as PyTorch does in Python floats.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            Require.Positive(value, nameof(LearningRate));
            _learningRate = value;
        }
    }

    /// <summary>Steps taken since construction or the last <see cref="Reset"/> (PyTorch's <c>state['step']</c>).</summary>
    public long StepCount { get; private set; }

    /// <summary>The public optimizer wrapping this core, so a misuse message names <c>Adam</c>, not <c>AdamCore`1</c>.</summary>
    internal object? Owner { get; init; }

    /// <summary>The register width of the update loop; tests force each width, everyone else leaves it on Auto.</summary>
    internal VectorPath Path { get; set; }

    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        // Two threads stepping (or one resetting) could size the state twice and leave the update
        // reading a buffer shorter than the parameters: refuse the second caller instead.
        using var _ = _exclusive.Enter(Owner ?? this, nameof(Step));
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"parameters has {parameters.Length} elements but gradients has {gradients.Length}; they must have the same length.",
                nameof(gradients));
        }
        if (_sizedFor >= 0 && _sizedFor != parameters.Length)
        {
            throw new ArgumentException(
                $"This {_name} was sized for {_sizedFor} parameters by its first Step, but parameters has {parameters.Length}; " +
                "call Reset to reuse it for a different parameter count.",
                nameof(parameters));
        }
        if (_sizedFor < 0) Size(parameters.Length);
        StepCount++;
        Update(parameters, gradients, StepCount);
    }

    public void Reset()
    {
        using var _ = _exclusive.Enter(Owner ?? this, nameof(Reset));
        _sizedFor = -1;
        StepCount = 0;
    }

    /// <summary>The value a state buffer holds before the first step (PyTorch starts every buffer at zero except AdaGrad's sum).</summary>
    protected virtual T InitialState(int buffer) => T.Zero;

    /// <summary>State buffer <paramref name="index"/>, or an empty span when the optimizer's options do not need it.</summary>
    protected Span<T> State(int index) => index < _state.Length ? _state[index] : [];

    /// <summary>Updates the parameters in place; <paramref name="step"/> counts from 1.</summary>
    protected abstract void Update(Span<T> parameters, ReadOnlySpan<T> gradients, long step);

    /// <summary>Converts a hyper-parameter computed in double to the element type, once per step.</summary>
    protected static T Cast(double value) => T.CreateTruncating(value);

    // Buffers are reused after Reset when the length matches, so a reset optimizer allocates nothing.
    private void Size(int length)
    {
        for (int i = 0; i < _state.Length; i++)
        {
            if (_state[i].Length != length) _state[i] = new T[length];
            _state[i].AsSpan().Fill(InitialState(i));
        }
        _sizedFor = length;
    }
}
