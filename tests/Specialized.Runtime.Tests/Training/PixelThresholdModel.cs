using Specialized.IO;
using Specialized.Kernels;

namespace Specialized.Tests.Training;

/// <summary>
/// A hand-written per-pixel classifier standing in for a generated fully convolutional model: one input channel
/// of 3×3 pixels, two classes per pixel, scores <c>[2, 3, 3]</c> from a 1×1 convolution (score_c = w_c·x + b_c),
/// trained with per-pixel softmax cross-entropy. It lets the trainer's per-pixel path be tested in the runtime project.
/// </summary>
internal sealed class PixelThresholdModel : IModel
{
    private const int Pixels = 9, Classes = 2;
    private static readonly ModelTensor[] AllTensors = [new("0.weight", [2, 1, 1, 1], 0, 2, false), new("0.bias", [2], 2, 2, false)];
    private readonly float[] _parameters = new float[4];
    private readonly float[] _gradients = new float[4];

    public PixelThresholdModel() => ResetParameters(0);

    public static int InputSize => Pixels;
    public static int OutputSize => Classes * Pixels;
    public static int ParameterCount => 4;
    public static Loss Loss => Loss.SoftmaxCrossEntropy;
    public static int LabelsPerSample => Pixels;
    public static IReadOnlyList<ModelTensor> ParameterTensors => AllTensors;
    public static IReadOnlyList<ModelTensor> Tensors => AllTensors;

    public Span<float> Parameters => _parameters;
    public Span<float> Gradients => _gradients;
    public Span<float> Buffers => [];
    public Span<long> IntegerBuffers => [];

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        for (int n = 0; n < inputs.Length / Pixels; n++)
            for (int c = 0; c < Classes; c++)
                for (int p = 0; p < Pixels; p++)
                    outputs[(n * Classes + c) * Pixels + p] = _parameters[c] * inputs[n * Pixels + p] + _parameters[2 + c];
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        int rows = inputs.Length / Pixels;
        var scores = new float[rows * OutputSize];
        var scoreGradient = new float[scores.Length];
        Forward(inputs, scores);
        float loss = PixelLoss.SoftmaxCrossEntropy(scores, Classes, Pixels, labels, scoreGradient);
        Array.Clear(_gradients);
        for (int n = 0; n < rows; n++)
            for (int c = 0; c < Classes; c++)
                for (int p = 0; p < Pixels; p++)
                {
                    float g = scoreGradient[(n * Classes + c) * Pixels + p];
                    _gradients[c] += g * inputs[n * Pixels + p];
                    _gradients[2 + c] += g;
                }
        return loss;
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) =>
        throw new InvalidOperationException("Per-pixel softmax cross-entropy trains on class maps.");

    public void ResetParameters(int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < _parameters.Length; i++) _parameters[i] = (float)(random.NextDouble() - 0.5);
    }

    public void LoadWeights(string path) => ModelWeights.Load(path, AllTensors, _parameters, [], []);
    public void LoadWeights(SafeTensorsFile weights) => ModelWeights.LoadFrom(weights, AllTensors, _parameters, [], [], strict: false);

    public void SaveWeights(string path) => ModelWeights.Save(path, AllTensors, _parameters, [], [], nameof(PixelThresholdModel));
}
