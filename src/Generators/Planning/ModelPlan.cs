using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>
/// A declaration as a graph, decided once: values with shapes, nodes that read values and write one,
/// tensor slots with their PyTorch names, and where every value lives in each pass. Inference values
/// share scratch slots by liveness; training keeps every value and its gradient for the backward pass.
/// </summary>
/// <param name="Values">Value 0 is the model's input.</param>
/// <param name="Nodes">In execution order; backward runs them in reverse.</param>
/// <param name="Tensors">In PyTorch's state_dict order.</param>
/// <param name="SlotFloats">Floats per inference scratch slot (a tile of rows plus slack).</param>
/// <param name="SavedCount">Saved-state buffers the training pass keeps for backward.</param>
/// <param name="ScratchFloats">Floats of backward scratch (the largest transposed weight).</param>
internal sealed record ModelPlan(
    string? Namespace,
    string ClassName,
    string Accessibility,
    string TypeKeyword,
    int InputSize,
    int OutputSize,
    int ParameterCount,
    int BufferCount,
    int IntegerBufferCount,
    LossKind Loss,
    int Seed,
    int TileRows,
    EquatableArray<ValuePlan> Values,
    EquatableArray<NodePlan> Nodes,
    EquatableArray<TensorPlan> Tensors,
    int OutputValue,
    int SlotCount,
    int SlotFloats,
    int SavedCount,
    int ScratchFloats)
{
    public const int Slack = 16;

    /// <summary>Class labels per sample: the output's pixels for an image output under softmax cross-entropy (classified per pixel), else 1.</summary>
    public int LabelsPerSample
    {
        get
        {
            var shape = Values[OutputValue].Shape;
            return Loss == LossKind.SoftmaxCrossEntropy && Shapes.IsImage(shape) ? shape[1] * shape[2] : 1;
        }
    }
    /// <summary>Whether the model gets the streaming step API (<see cref="StreamingCheck"/>).</summary>
    public bool CanStream { get; init; }

    public string FullName => Namespace is null ? ClassName : Namespace + "." + ClassName;

    /// <summary>Hint name prefix: unique per type in the compilation.</summary>
    public string HintPrefix => Namespace is null ? ClassName : Namespace + "." + ClassName;

    /// <summary>
    /// The internal graph struct in Specialized.Generated, unique per model: the namespace with dots as
    /// underscores, a double underscore, then the type name and "Graph" (Demo.Sub.Net → Demo_Sub__NetGraph).
    /// </summary>
    public string GraphTypeName => (Namespace is null ? "" : Namespace.Replace('.', '_') + "__") + ClassName + "Graph";
}

/// <summary>A value of the graph: a batch of samples of one shape.</summary>
/// <param name="Slot">The inference scratch slot, or −1 for the model's input.</param>
/// <param name="AliasOf">In inference, the value this one equals (a dropout's input), else its own id.</param>
internal sealed record ValuePlan(int Id, EquatableArray<int> Shape, int Size, int Slot, int AliasOf);

/// <summary>How a node's backward pass writes the gradient of one input.</summary>
internal enum GradientKind { None, Store, Add }

/// <summary>A tensor of the state_dict and where it lives.</summary>
internal sealed record TensorPlan(string Name, EquatableArray<int> Shape, bool IsBuffer, bool IsInt64, int Offset, int Length, bool IsTransposed);

/// <summary>
/// One node: reads <see cref="Inputs"/> and writes <see cref="Output"/>. <see cref="Label"/> is its
/// tensor-name prefix ("0", "2.body.1"). <see cref="InputGradients"/> says, per input, whether backward
/// stores, adds or skips that input's gradient (adds where another consumer of the value got there first).
/// </summary>
internal abstract record NodePlan
{
    public int Id { get; init; }
    public string Label { get; init; } = "";
    public EquatableArray<int> Inputs { get; init; } = EquatableArray<int>.Empty;
    public int Output { get; init; }
    public EquatableArray<GradientKind> InputGradients { get; init; } = EquatableArray<GradientKind>.Empty;
}

/// <summary>y = act(x·Wᵀ + b), weights packed as Wᵀ [Inputs, Units] at <see cref="Offset"/> then the bias.</summary>
internal sealed record DenseNodePlan(int InputCount, int Units, ActivationKind Activation, InitializerKind Initializer, bool Bias, int Offset) : NodePlan
{
    public int ParameterCount => InputCount * Units + (Bias ? Units : 0);
}

/// <summary>Batch normalization over <see cref="Channels"/> with <see cref="Spatial"/> values each per sample.</summary>
internal sealed record BatchNormNodePlan(int Channels, int Spatial, ActivationKind Activation, double Momentum, double Epsilon,
    int ParameterOffset, int BufferOffset, int CounterIndex, int SavedIndex) : NodePlan;

/// <summary>Inverted dropout; <see cref="Stream"/> keys its masks apart from other dropout nodes.</summary>
internal sealed record DropoutNodePlan(int Features, double Probability, int Stream, int SavedIndex) : NodePlan;

/// <summary>A convolution: [InChannels, InHeight, InWidth] → [OutChannels, OutHeight, OutWidth]; weights [out, in, k, k] at <see cref="Offset"/>, then the bias.</summary>
internal sealed record Conv2DNodePlan(int InChannels, int InHeight, int InWidth, int OutChannels, int Kernel, int Stride, int Padding, int OutHeight, int OutWidth,
    ActivationKind Activation, InitializerKind Initializer, bool Bias, int Offset) : NodePlan
{
    public int ParameterCount => OutChannels * InChannels * Kernel * Kernel + (Bias ? OutChannels : 0);
}

/// <summary>Max or average pooling of each channel; a max pool saves its argmax for backward at <see cref="SavedIndex"/>.</summary>
internal sealed record PoolNodePlan(bool IsMax, int Channels, int InHeight, int InWidth, int Kernel, int Stride, int Padding, int OutHeight, int OutWidth, int SavedIndex) : NodePlan;

/// <summary>
/// A recurrent layer over <see cref="Sequence"/> steps of <see cref="Features"/>; parameters in PyTorch's
/// layout (weight_ih, weight_hh, bias_ih, bias_hh) at <see cref="Offset"/>; training saves its steps at
/// <see cref="SavedIndex"/> and keeps its per-call scratch at <see cref="ScratchIndex"/>.
/// </summary>
internal sealed record RecurrentNodePlan(RecurrentKind Kind, int Sequence, int Features, int Hidden, bool ReturnSequences, ActivationKind Activation,
    int Offset, int SavedIndex, int ScratchIndex) : NodePlan
{
    public int ParameterCount => Shapes.Gates(Kind) * Hidden * (Features + Hidden + 2);
}

/// <summary>The mean of each channel over <see cref="Spatial"/> positions.</summary>
internal sealed record GlobalAvgPoolNodePlan(int Channels, int Spatial) : NodePlan;

/// <summary>The join of a residual block: y = act(body + shortcut).</summary>
internal sealed record AddNodePlan(int Features, ActivationKind Activation) : NodePlan;

/// <summary>
/// A concatenation along channels of its inputs, in order (Inception branches, or a skip concatenation):
/// input i has <see cref="Channels"/>[i] channels of <see cref="Spatial"/> floats (1 for vectors).
/// <see cref="Joins"/> says what is joined, for the layer table ("branches", "layer 0").
/// </summary>
internal sealed record ConcatNodePlan(EquatableArray<int> Channels, int Spatial, string Joins) : NodePlan
{
    public int OutChannels => System.Linq.Enumerable.Sum(Channels);
}

/// <summary>A transposed convolution: [InChannels, InHeight, InWidth] → [OutChannels, OutHeight, OutWidth]; weights [in, out, k, k] at <see cref="Offset"/>, then the bias.</summary>
internal sealed record ConvTranspose2DNodePlan(int InChannels, int InHeight, int InWidth, int OutChannels, int Kernel, int Stride, int Padding, int OutputPadding,
    int OutHeight, int OutWidth, ActivationKind Activation, InitializerKind Initializer, bool Bias, int Offset) : NodePlan
{
    public int ParameterCount => InChannels * OutChannels * Kernel * Kernel + (Bias ? OutChannels : 0);
}

/// <summary>Nearest-neighbour upsampling of each channel by <see cref="Factor"/>.</summary>
internal sealed record UpsampleNodePlan(int Channels, int InHeight, int InWidth, int Factor) : NodePlan;
