namespace Specialized;

/// <summary>
/// Cosine annealing, as the closed form of <c>torch.optim.lr_scheduler.CosineAnnealingLR</c>:
/// <c>γ_e = η_min + (γ₀ − η_min)(1 + cos(π e / T_max)) / 2</c>. It reaches η_min at epoch T_max; past
/// it the closed form climbs back (a warm restart every 2·T_max), as PyTorch's does.
/// </summary>
public sealed class CosineAnnealingSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="maxEpochs">T_max, the epochs of one half period, 1 or more.</param>
    /// <param name="minLearningRate">η_min, the lowest rate, 0 or more.</param>
    public CosineAnnealingSchedule(int maxEpochs, double minLearningRate = 0)
    {
        if (maxEpochs < 1) throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "maxEpochs must be at least 1.");
        Require.NonNegative(minLearningRate);
        MaxEpochs = maxEpochs;
        MinLearningRate = minLearningRate;
    }

    /// <summary>T_max.</summary>
    public int MaxEpochs { get; }

    /// <summary>η_min.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc/>
    public float LearningRateFor(int epoch, float baseLearningRate, double? lastValidationLoss)
    {
        ScheduleArguments.Check(epoch, baseLearningRate);
        return (float)(MinLearningRate + (baseLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / MaxEpochs)) / 2);
    }
}
