namespace Specialized;

/// <summary>Exponential decay, as <c>torch.optim.lr_scheduler.ExponentialLR</c>: <c>γ_e = γ₀ · gamma^e</c>.</summary>
public sealed class ExponentialSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="gamma">The factor per epoch, greater than 0 (below 1 to decay).</param>
    public ExponentialSchedule(double gamma)
    {
        Require.Positive(gamma);
        Gamma = gamma;
    }

    /// <summary>The factor per epoch.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public float LearningRateFor(int epoch, float baseLearningRate, double? lastValidationLoss)
    {
        ScheduleArguments.Check(epoch, baseLearningRate);
        return (float)(baseLearningRate * Math.Pow(Gamma, epoch));
    }
}
