using Specialized.IO;
using Specialized.Kernels;

namespace Specialized.Tests.Training;

/// <summary>
/// A hand-written two-input linear regressor with the MAE loss, standing in for a generated model so
/// the trainer's own behaviour (batching, checks, divergence) is tested in the runtime project. It
/// records the row count of every <c>ComputeGradients</c> call.
/// </summary>
internal sealed class LinearMaeModel : IModel
{
    private static readonly ModelTensor[] AllTensors = [new("0.weight", [1, 2], 0, 2, false), new("0.bias", [1], 2, 1, false)];
    private readonly float[] _parameters = [0.1f, -0.2f, 0f];
    private readonly float[] _gradients = new float[3];

    public static int InputSize => 2;
    public static int OutputSize => 1;
    public static int ParameterCount => 3;
    public static Loss Loss => Loss.MeanAbsoluteError;
    public static IReadOnlyList<ModelTensor> ParameterTensors => AllTensors;
    public static IReadOnlyList<ModelTensor> Tensors => AllTensors;

    public List<int> BatchRows { get; } = [];

    public Span<float> Parameters => _parameters;
    public Span<float> Gradients => _gradients;
    public Span<float> Buffers => [];
    public Span<long> IntegerBuffers => [];

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        for (int r = 0; r < inputs.Length / 2; r++)
            outputs[r] = _parameters[0] * inputs[2 * r] + _parameters[1] * inputs[2 * r + 1] + _parameters[2];
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) =>
        throw new InvalidOperationException("MAE trains on float targets.");

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        int rows = inputs.Length / 2;
        BatchRows.Add(rows);
        var outputs = new float[rows];
        var outputGradient = new float[rows];
        Forward(inputs, outputs);
        float loss = LossFunctions.Evaluate(Loss, outputs, 1, targets, outputGradient);
        Array.Clear(_gradients);
        for (int r = 0; r < rows; r++)
        {
            _gradients[0] += outputGradient[r] * inputs[2 * r];
            _gradients[1] += outputGradient[r] * inputs[2 * r + 1];
            _gradients[2] += outputGradient[r];
        }
        return loss;
    }

    public void ResetParameters(int seed) => new float[] { 0.1f, -0.2f, 0f }.CopyTo(_parameters, 0);

    public void LoadWeights(string path) => ModelWeights.Load(path, AllTensors, _parameters, [], []);
    public void LoadWeights(SafeTensorsFile weights) => ModelWeights.LoadFrom(weights, AllTensors, _parameters, [], [], strict: false);

    public void SaveWeights(string path) => ModelWeights.Save(path, AllTensors, _parameters, [], [], nameof(LinearMaeModel));
}
