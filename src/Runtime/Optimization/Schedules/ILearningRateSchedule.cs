namespace Specialized;

/// <summary>
/// Decides the learning rate of each epoch. The trainer asks once per epoch, in order, before the
/// epoch's first step, and sets <see cref="IOptimizer.LearningRate"/> to the answer. Formulas follow
/// <c>torch.optim.lr_scheduler</c>; a plateau schedule sees the validation loss of the epoch before.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for epoch <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The 0-based epoch about to start (torch's <c>last_epoch</c> after its step).</param>
    /// <param name="baseLearningRate">The learning rate the optimizer started with (torch's <c>base_lr</c>).</param>
    /// <param name="lastValidationLoss">
    /// The validation loss measured at the end of epoch <paramref name="epoch"/> − 1; <see langword="null"/> for
    /// epoch 0. Only loss-driven schedules read it.
    /// </param>
    float LearningRateFor(int epoch, float baseLearningRate, double? lastValidationLoss);
}
