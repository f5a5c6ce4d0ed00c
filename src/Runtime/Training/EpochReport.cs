namespace Specialized;

/// <summary>What one epoch achieved, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="TrainingLoss">Mean minibatch loss over the epoch.</param>
/// <param name="ValidationLoss">Mean loss on the validation set, if one was given.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set for class-label losses, if one was given.</param>
/// <param name="Elapsed">Wall time since training started.</param>
public sealed record EpochReport(int Epoch, float LearningRate, double TrainingLoss, double? ValidationLoss, double? ValidationAccuracy, TimeSpan Elapsed);
