namespace Specialized;

/// <summary>
/// Divides the learning rate when the validation loss stops improving, as
/// <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c> in <c>'min'</c> mode, with a cap on the number of
/// reductions (the course's "reduce by 10, one to three times"). After more than
/// <see cref="Patience"/> epochs without improvement the rate becomes <c>max(rate · factor, minimum)</c>;
/// then <see cref="Cooldown"/> epochs pass before bad epochs count again.
/// </summary>
/// <remarks>
/// Stateful: ask for every epoch in order. Asking for epoch 0 starts a new run; asking for the same
/// epoch twice returns the same rate without counting the loss again.
/// </remarks>
public sealed class ReduceOnPlateauSchedule : ILearningRateSchedule
{
    private double? _learningRate;
    private int _lastEpoch = -1;
    private int _badEpochs;
    private int _cooldownLeft;

    /// <summary>Creates the schedule.</summary>
    /// <param name="factor">The factor of each reduction, in (0, 1).</param>
    /// <param name="patience">Epochs without improvement tolerated before a reduction, 0 or more.</param>
    /// <param name="threshold">The least improvement that counts, 0 or more (relative or absolute per <paramref name="thresholdMode"/>).</param>
    /// <param name="thresholdMode">Whether <paramref name="threshold"/> is relative to the best loss or absolute.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted, 0 or more.</param>
    /// <param name="minLearningRate">The rate never goes below this, 0 or more.</param>
    /// <param name="maxReductions">At most this many reductions, 0 or more.</param>
    /// <param name="epsilon">A reduction smaller than this is skipped, as in PyTorch.</param>
    public ReduceOnPlateauSchedule(double factor = 0.1, int patience = 10, double threshold = 1e-4, PlateauThreshold thresholdMode = PlateauThreshold.Relative,
        int cooldown = 0, double minLearningRate = 0, int maxReductions = int.MaxValue, double epsilon = 1e-8)
    {
        Require.Positive(factor);
        if (factor >= 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be less than 1 (a reduction).");
        Require.InRange(patience, 0, int.MaxValue);
        Require.NonNegative(threshold);
        if (!Enum.IsDefined(thresholdMode)) throw new ArgumentOutOfRangeException(nameof(thresholdMode), thresholdMode, "Unknown threshold mode.");
        Require.InRange(cooldown, 0, int.MaxValue);
        Require.NonNegative(minLearningRate);
        Require.InRange(maxReductions, 0, int.MaxValue);
        Require.NonNegative(epsilon);
        (Factor, Patience, Threshold, ThresholdMode, Cooldown, MinLearningRate, MaxReductions, Epsilon) =
            (factor, patience, threshold, thresholdMode, cooldown, minLearningRate, maxReductions, epsilon);
    }

    /// <summary>The factor of each reduction.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>The least improvement that counts.</summary>
    public double Threshold { get; }

    /// <summary>Whether <see cref="Threshold"/> is relative or absolute.</summary>
    public PlateauThreshold ThresholdMode { get; }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The lowest rate.</summary>
    public double MinLearningRate { get; }

    /// <summary>The most reductions of one run.</summary>
    public int MaxReductions { get; }

    /// <summary>The smallest reduction applied.</summary>
    public double Epsilon { get; }

    /// <summary>Reductions so far in this run.</summary>
    public int Reductions { get; private set; }

    /// <summary>The lowest validation loss seen in this run (+∞ before the first).</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">No loss was given for an epoch after the first.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Epochs were skipped or asked out of order.</exception>
    public float LearningRateFor(int epoch, float baseLearningRate, double? lastValidationLoss)
    {
        ScheduleArguments.Check(epoch, baseLearningRate);
        if (epoch == 0)
        {
            Start(baseLearningRate);
            return baseLearningRate;
        }
        if (epoch == _lastEpoch) return (float)_learningRate!.Value;
        if (epoch != _lastEpoch + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch,
                $"epoch {epoch} was asked after epoch {_lastEpoch}; a plateau schedule must see every epoch in order (epoch 0 starts a new run).");
        }
        if (lastValidationLoss is not double loss)
        {
            throw new ArgumentException(
                $"lastValidationLoss is null for epoch {epoch}; a plateau schedule needs the loss of every epoch after the first.", nameof(lastValidationLoss));
        }
        _lastEpoch = epoch;
        Observe(loss);
        return (float)_learningRate!.Value;
    }

    private void Start(double baseLearningRate)
    {
        _learningRate = baseLearningRate;
        _lastEpoch = 0;
        _badEpochs = 0;
        _cooldownLeft = 0;
        Reductions = 0;
        BestLoss = double.PositiveInfinity;
    }

    // torch's ReduceLROnPlateau.step: a NaN loss is never an improvement.
    private void Observe(double loss)
    {
        if (IsBetter(loss))
        {
            BestLoss = loss;
            _badEpochs = 0;
        }
        else
        {
            _badEpochs++;
        }
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }
        if (_badEpochs > Patience)
        {
            Reduce();
            _cooldownLeft = Cooldown;
            _badEpochs = 0;
        }
    }

    private bool IsBetter(double loss) => ThresholdMode == PlateauThreshold.Relative
        ? loss < BestLoss * (1 - Threshold)
        : loss < BestLoss - Threshold;

    private void Reduce()
    {
        if (Reductions >= MaxReductions) return;
        double current = _learningRate!.Value;
        double reduced = Math.Max(current * Factor, MinLearningRate);
        if (current - reduced > Epsilon)
        {
            _learningRate = reduced;
            Reductions++;
        }
    }
}
