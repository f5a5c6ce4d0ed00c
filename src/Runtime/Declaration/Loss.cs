namespace Specialized;

/// <summary>
/// The training loss of a declared model. Every loss is a mean: over the batch for the
/// class-label losses, over all output elements for the element-wise ones (PyTorch's defaults).
/// </summary>
public enum Loss
{
    /// <summary>
    /// Softmax followed by negative log-likelihood of an integer class label, averaged over the batch
    /// (PyTorch <c>CrossEntropyLoss</c>). The last layer must have no activation: its outputs are logits.
    /// </summary>
    SoftmaxCrossEntropy = 0,
    /// <summary>
    /// Sigmoid plus binary cross-entropy on logits with float targets in [0, 1], averaged over all outputs
    /// (PyTorch <c>BCEWithLogitsLoss</c>). The last layer must have no activation. Several outputs are
    /// independent binary problems (multi-label).
    /// </summary>
    BinaryCrossEntropy,
    /// <summary>Squared error averaged over all outputs (PyTorch <c>MSELoss</c>).</summary>
    MeanSquaredError,
    /// <summary>Absolute error averaged over all outputs (PyTorch <c>L1Loss</c>).</summary>
    MeanAbsoluteError,
    /// <summary>
    /// Margin loss. With integer labels: the multi-class hinge of PyTorch <c>MultiMarginLoss</c>
    /// (<c>Σ_{j≠y} max(0, 1 − x_y + x_j) / classes</c>, mean over the batch). With float targets in
    /// {−1, +1}: <c>max(0, 1 − t·x)</c> averaged over all outputs. The last layer must have no activation.
    /// </summary>
    Hinge,
}
