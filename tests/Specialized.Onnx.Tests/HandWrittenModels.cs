namespace Specialized.Onnx.Tests;

/// <summary>The instance half of a hand-written IModel: a 2-input, 3-unit dense layer's parameters, nothing else real.</summary>
public abstract class HandWrittenModelBase
{
    protected static readonly ModelTensor[] DenseTensors = [new("0.weight", [3, 2], 0, 6, IsTransposed: false), new("0.bias", [3], 6, 3, IsTransposed: false)];

    private readonly float[] _parameters = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0f, 0f, 0f];
    private readonly float[] _gradients = new float[9];

    public Span<float> Parameters => _parameters;
    public Span<float> Gradients => _gradients;
    public Span<float> Buffers => [];
    public Span<long> IntegerBuffers => [];

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => throw new NotSupportedException("Only exported, never run.");
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => throw new NotSupportedException();
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => throw new NotSupportedException();
    public void ResetParameters(int seed) => throw new NotSupportedException();
    public void LoadWeights(string path) => throw new NotSupportedException();
    public void LoadWeights(Specialized.IO.SafeTensorsFile weights) => throw new NotSupportedException();
    public void SaveWeights(string path) => throw new NotSupportedException();
}

/// <summary>A hand-written model that does not describe itself (IModel.Description's default).</summary>
public sealed class UndescribedModel : HandWrittenModelBase, IModel
{
    public static int InputSize => 2;
    public static int OutputSize => 3;
    public static int ParameterCount => 9;
    public static Loss Loss => Loss.MeanSquaredError;
    public static IReadOnlyList<ModelTensor> ParameterTensors => DenseTensors;
    public static IReadOnlyList<ModelTensor> Tensors => DenseTensors;
}

/// <summary>
/// A model whose second node is opaque, as a generated description shows a node kind it does not detail: every
/// kind the generator plans today is detailed and exportable, so only a hand-built description reaches this path.
/// </summary>
public sealed class ModelWithOpaqueNode : HandWrittenModelBase, IModel
{
    public static int InputSize => 2;
    public static int OutputSize => 6;
    public static int ParameterCount => 9;
    public static Loss Loss => Loss.MeanSquaredError;
    public static IReadOnlyList<ModelTensor> ParameterTensors => DenseTensors;
    public static IReadOnlyList<ModelTensor> Tensors => DenseTensors;

    public static ModelDescription Description { get; } = new("Tests.ModelWithOpaqueNode",
        [new ValueDescription([2]), new ValueDescription([3]), new ValueDescription([6])],
        [
            new DenseNodeDescription("0", [0], 1, ["0.weight", "0.bias"], Units: 3, Activation.Relu, Bias: true),
            new OpaqueNodeDescription("1", [1], 2, [], Operation: "Attention"),
        ],
        outputValue: 2);
}
