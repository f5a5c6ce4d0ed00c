namespace Specialized;

/// <summary>How <see cref="Trainer{TModel}"/> trains: epochs, batches, seed and the optional techniques.</summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training set (at most; early stopping may end sooner).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>
    /// Samples per minibatch; the last batch of an epoch may be smaller (unless <see cref="DropLast"/>).
    /// A batch size larger than the training set gives one batch of the whole set, as PyTorch's DataLoader does.
    /// </summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Skip the last batch of each epoch when it is smaller than <see cref="BatchSize"/> (PyTorch's
    /// <c>drop_last</c>); the skipped rows change from epoch to epoch with the shuffle. Off by default: every
    /// sample is used every epoch. With a batch size larger than the training set no batch is left,
    /// which <see cref="Trainer{TModel}.Fit"/> refuses.
    /// </summary>
    public bool DropLast { get; init; }

    /// <summary>Seed of the minibatch shuffling: the same seed and initial weights give bit-identical training.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Changes each training batch before its step (e.g. <see cref="ImageAugmentation"/>); validation data is never augmented. Drawn from the trainer's seed.</summary>
    public IBatchAugmentation? Augmentation { get; init; }

    /// <summary>Sets the optimizer's learning rate before each epoch; null keeps it constant.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// Clip the gradient to this global L2 norm before each step (clip_grad_norm_). Null (the default) means
    /// no clipping, except for models with recurrent layers, which are clipped at
    /// <see cref="RecurrentClipGradientNorm"/>; set <see cref="float.PositiveInfinity"/> to turn that off too.
    /// </summary>
    public float? ClipGradientNorm { get; init; }

    /// <summary>The norm a recurrent model's gradient is clipped to when <see cref="ClipGradientNorm"/> is null.</summary>
    public const float RecurrentClipGradientNorm = 5f;

    /// <summary>Clamp every gradient element to ±this before each step; null: no clipping.</summary>
    public float? ClipGradientValue { get; init; }

    /// <summary>
    /// Stop when the validation loss has not improved for this many epochs, and restore the best
    /// epoch's weights. Needs a validation set; null: run every epoch and keep the last weights.
    /// </summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>
    /// Where the best weights are checkpointed (safetensors) when early stopping is on; null keeps
    /// the checkpoint in memory only. Its directory must exist: <see cref="Trainer{TModel}.Fit"/> checks
    /// this (and that the path is not a directory or a read-only file) before the first step.
    /// </summary>
    public string? CheckpointPath { get; init; }
}
