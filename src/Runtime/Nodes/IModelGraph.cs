using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// The compiled graph of one declared model, as the generator emits it: constants, the tensor list,
/// and one orchestration per pass (a call per node, generic over the register width). A struct
/// implements it, so <see cref="ModelRunner"/> is specialized for each model with no virtual calls.
/// </summary>
public interface IModelGraph
{
    /// <summary>The declared model's full name, for messages.</summary>
    static abstract string ModelName { get; }

    /// <summary>Floats in one input sample.</summary>
    static abstract int InputSize { get; }

    /// <summary>Floats in one output sample.</summary>
    static abstract int OutputSize { get; }

    /// <summary>The training loss.</summary>
    static abstract Loss Loss { get; }

    /// <summary>
    /// Class labels per sample for a label loss: 1, or Height × Width when the output is an image
    /// <c>[C, H, W]</c> trained with per-pixel softmax cross-entropy (the classes are then the C channels).
    /// </summary>
    static virtual int LabelsPerSample => 1;

    /// <summary>Rows per inference tile; the scratch holds one tile of every live value.</summary>
    static abstract int TileRows { get; }

    /// <summary>Floats of per-thread inference scratch.</summary>
    static abstract int ScratchFloats { get; }

    /// <summary>The layout of the training state (<see cref="ModelState"/>).</summary>
    static abstract ModelLayout Layout { get; }

    /// <summary>Every tensor in state_dict order.</summary>
    static abstract IReadOnlyList<ModelTensor> Tensors { get; }

    /// <summary>
    /// Inference over one tile of <paramref name="rows"/> samples, written into <paramref name="y"/> (rows × OutputSize
    /// floats, no slack: the last node writes it directly when its kernel stays within its rows, else it is copied from the scratch).
    /// </summary>
    static abstract void Infer<TReg>(ReadOnlySpan<float> x, ModelState state, Span<float> scratch, Span<float> y, int rows) where TReg : struct, IFloatRegister<TReg>;

    /// <summary>Training forward: keeps every value (and what nodes save) for the backward pass.</summary>
    static abstract void TrainingForward<TReg>(ReadOnlySpan<float> x, ModelState state, int rows) where TReg : struct, IFloatRegister<TReg>;

    /// <summary>Backward from the loss gradient at the output value down to the first node, overwriting the gradients.</summary>
    static abstract void Backward<TReg>(ReadOnlySpan<float> x, ModelState state, int rows) where TReg : struct, IFloatRegister<TReg>;

    /// <summary>Sets every parameter and buffer to its initial value for <paramref name="seed"/>.</summary>
    static abstract void Initialize(ModelState state, int seed);
}
