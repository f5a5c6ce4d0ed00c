namespace Specialized;

/// <summary>
/// Step decay at given epochs, as <c>torch.optim.lr_scheduler.MultiStepLR</c>:
/// <c>γ_e = γ₀ · gamma^k</c>, where k counts the milestones ≤ e. <c>[30, 60]</c> with gamma 0.1 is the
/// course's "divide by 10, twice".
/// </summary>
public sealed class MultiStepSchedule : ILearningRateSchedule
{
    private readonly int[] _milestones;

    /// <summary>Creates the schedule.</summary>
    /// <param name="milestones">Epochs (1 or more) at whose start the rate is multiplied by <paramref name="gamma"/>; a repeated epoch applies it again, as in PyTorch.</param>
    /// <param name="gamma">The factor per milestone, greater than 0.</param>
    /// <exception cref="ArgumentException">No milestones, or one below 1.</exception>
    public MultiStepSchedule(IEnumerable<int> milestones, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        Require.Positive(gamma);
        _milestones = milestones.Order().ToArray();
        if (_milestones.Length == 0)
            throw new ArgumentException("milestones is empty; expected at least one epoch at which to decay.", nameof(milestones));
        if (_milestones[0] < 1)
            throw new ArgumentException($"milestones holds {_milestones[0]}; milestones are epochs of 1 or more.", nameof(milestones));
        Gamma = gamma;
    }

    /// <summary>The sorted milestones.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary>The factor applied at each milestone.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public float LearningRateFor(int epoch, float baseLearningRate, double? lastValidationLoss)
    {
        ScheduleArguments.Check(epoch, baseLearningRate);
        int passed = 0;
        while (passed < _milestones.Length && _milestones[passed] <= epoch) passed++;
        return (float)(baseLearningRate * Math.Pow(Gamma, passed));
    }
}
