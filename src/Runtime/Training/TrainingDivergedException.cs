namespace Specialized;

/// <summary>
/// Training produced a NaN or infinite loss or gradient. The step was not applied, so the model
/// keeps the last good weights. The message names the epoch, the step and the first offending tensor.
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message, int epoch, int step, string? tensorName) : base(message)
    {
        Epoch = epoch;
        Step = step;
        TensorName = tensorName;
    }

    /// <summary>1-based epoch in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>1-based minibatch step within the epoch.</summary>
    public int Step { get; }

    /// <summary>PyTorch name of the first parameter tensor with a non-finite gradient; null when only the loss was non-finite.</summary>
    public string? TensorName { get; }
}
