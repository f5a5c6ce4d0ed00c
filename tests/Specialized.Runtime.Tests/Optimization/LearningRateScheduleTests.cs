namespace Specialized.Tests.Optimization;

/// <summary>
/// Schedules against the closed-form torch.optim.lr_scheduler formulas. Rates are float; 1e-6 relative
/// allows the final rounding to float of a double computation.
/// </summary>
public sealed class LearningRateScheduleTests
{
    private const float Base = 0.1f;

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(29, 1.0)]
    [InlineData(30, 0.1)]
    [InlineData(59, 0.1)]
    [InlineData(60, 0.01)]
    [InlineData(80, 0.001)]
    [InlineData(500, 0.001)]
    public void MultiStep_multiplies_by_gamma_at_each_milestone_reached(int epoch, double factor)
    {
        var schedule = new MultiStepSchedule([80, 30, 60], gamma: 0.1);
        AssertRate(Base * factor, schedule.LearningRateFor(epoch, Base, null));
    }

    [Fact]
    public void MultiStep_repeated_milestone_applies_gamma_twice_as_torch()
    {
        var schedule = new MultiStepSchedule([5, 5], gamma: 0.5);
        AssertRate(Base * 0.25, schedule.LearningRateFor(5, Base, null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    public void Exponential_is_base_times_gamma_to_the_epoch(int epoch)
    {
        var schedule = new ExponentialSchedule(0.95);
        AssertRate(Base * Math.Pow(0.95, epoch), schedule.LearningRateFor(epoch, Base, null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(49)]
    [InlineData(50)]
    [InlineData(75)]
    public void Cosine_follows_the_closed_form(int epoch)
    {
        var schedule = new CosineAnnealingSchedule(maxEpochs: 50, minLearningRate: 1e-4);
        double expected = 1e-4 + (Base - 1e-4) * (1 + Math.Cos(Math.PI * epoch / 50)) / 2;
        AssertRate(expected, schedule.LearningRateFor(epoch, Base, null));
    }

    [Fact]
    public void Cosine_is_base_at_zero_half_way_at_half_and_minimum_at_t_max()
    {
        var schedule = new CosineAnnealingSchedule(10, minLearningRate: 0.02);
        AssertRate(Base, schedule.LearningRateFor(0, Base, null));
        AssertRate((Base + 0.02) / 2, schedule.LearningRateFor(5, Base, null));
        AssertRate(0.02, schedule.LearningRateFor(10, Base, null));
    }

    [Fact]
    public void Plateau_reduces_after_more_than_patience_bad_epochs()
    {
        var schedule = new ReduceOnPlateauSchedule(factor: 0.1, patience: 2);
        // Losses seen at the end of epochs 0..8; improvement stops after epoch 1.
        double[] losses = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
        // torch: bad epochs 1, 2, 3 (> patience) → reduce before epoch 5; again before epoch 8.
        double[] expected = [1, 1, 1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01];
        AssertRun(schedule, losses, expected);
        Assert.Equal(2, schedule.Reductions);
        Assert.Equal(0.9, schedule.BestLoss);
    }

    [Fact]
    public void Plateau_stops_after_max_reductions()
    {
        var schedule = new ReduceOnPlateauSchedule(patience: 0, maxReductions: 2);
        double[] losses = [1, 1, 1, 1, 1, 1];
        double[] expected = [1, 1, 0.1, 0.01, 0.01, 0.01, 0.01];
        AssertRun(schedule, losses, expected);
        Assert.Equal(2, schedule.Reductions);
    }

    [Fact]
    public void Plateau_cooldown_ignores_bad_epochs_after_a_reduction()
    {
        var schedule = new ReduceOnPlateauSchedule(patience: 2, cooldown: 2);
        double[] losses = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
        // Reduce before epoch 5; epochs 6 and 7 are cooldown; bad epochs count again from 8: reduce before 10.
        double[] expected = [1, 1, 1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01];
        AssertRun(schedule, losses, expected);
    }

    [Fact]
    public void Plateau_relative_threshold_ignores_tiny_improvements_and_absolute_counts_them()
    {
        double[] losses = [1.0, 0.99996, 0.99993, 0.99991];
        // Relative 1e-4: every later loss is within 1e-4 of the best (1.0), not enough, so the rate drops before epoch 2.
        AssertRun(new ReduceOnPlateauSchedule(patience: 0, threshold: 1e-4), losses, [1, 1, 0.1, 0.01, 0.001]);
        // Absolute 1e-5: each step improves by 2e-5 or more > 1e-5, so the rate never drops.
        AssertRun(new ReduceOnPlateauSchedule(patience: 0, threshold: 1e-5, thresholdMode: PlateauThreshold.Absolute), losses, [1, 1, 1, 1, 1]);
    }

    [Fact]
    public void Plateau_never_goes_below_min_learning_rate()
    {
        var schedule = new ReduceOnPlateauSchedule(patience: 0, minLearningRate: 0.003);
        AssertRun(schedule, [1, 1, 1, 1], [1, 1, 0.1, 0.03, 0.03]);
        Assert.Equal(2, schedule.Reductions);
    }

    [Fact]
    public void Plateau_epoch_zero_starts_a_new_run_and_repeated_epoch_returns_the_same_rate()
    {
        var schedule = new ReduceOnPlateauSchedule(patience: 0);
        AssertRun(schedule, [1, 1], [1, 1, 0.1]);
        AssertRate(Base * 0.1, schedule.LearningRateFor(2, Base, 1));
        AssertRate(Base, schedule.LearningRateFor(0, Base, null));
        Assert.Equal(0, schedule.Reductions);
    }

    [Fact]
    public void Plateau_skipped_epoch_or_missing_loss_throws()
    {
        var schedule = new ReduceOnPlateauSchedule();
        schedule.LearningRateFor(0, Base, null);
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRateFor(2, Base, 1.0)).ParamName);
        Assert.Equal("lastValidationLoss", Assert.Throws<ArgumentException>(() => schedule.LearningRateFor(1, Base, null)).ParamName);
    }

    [Fact]
    public void Invalid_schedule_arguments_throw_naming_them()
    {
        Assert.Equal("milestones", Assert.Throws<ArgumentException>(() => new MultiStepSchedule([])).ParamName);
        Assert.Equal("milestones", Assert.Throws<ArgumentException>(() => new MultiStepSchedule([0, 3])).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(0)).ParamName);
        Assert.Equal("maxEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingSchedule(0)).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateauSchedule(factor: 1)).ParamName);
        Assert.Equal("patience", Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateauSchedule(patience: -1)).ParamName);
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(0.9).LearningRateFor(-1, Base, null)).ParamName);
        Assert.Equal("baseLearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSchedule(0.9).LearningRateFor(0, 0, null)).ParamName);
    }

    // expected[e] is the factor on the base rate for epoch e; losses[e] is measured at the end of epoch e.
    private static void AssertRun(ReduceOnPlateauSchedule schedule, double[] losses, double[] expected)
    {
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            double? loss = epoch == 0 ? null : losses[epoch - 1];
            float rate = schedule.LearningRateFor(epoch, Base, loss);
            Assert.True(Math.Abs(rate - Base * expected[epoch]) <= 1e-6 * Base * expected[epoch],
                $"epoch {epoch}: rate {rate}, expected {Base * expected[epoch]}.");
        }
    }

    private static void AssertRate(double expected, float actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected), $"rate {actual:R}, expected {expected:R}.");
}
