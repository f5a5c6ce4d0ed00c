using Specialized.Kernels;
using Specialized.Models;

namespace Specialized.Benchmarks.Mlp;

/// <summary>The digits MLP's weights in PyTorch's layout ([out, in] weights, then biases), shared by every version under test.</summary>
public sealed class MlpWeights
{
    public static readonly int[] Widths = [64, 128, 64, 10];

    public MlpWeights(DigitsMlp model)
    {
        ReadOnlySpan<float> parameters = model.Parameters;
        for (int layer = 0; layer < 3; layer++)
        {
            ModelTensor weight = DigitsMlp.ParameterTensors[2 * layer], bias = DigitsMlp.ParameterTensors[2 * layer + 1];
            Weights[layer] = new float[weight.Length];
            MatrixKernels.Transpose(parameters.Slice(weight.Offset, weight.Length), Widths[layer], Widths[layer + 1], Weights[layer]);
            Biases[layer] = parameters.Slice(bias.Offset, bias.Length).ToArray();
        }
    }

    /// <summary>Weight of layer l, row-major [out, in].</summary>
    public float[][] Weights { get; } = new float[3][];

    public float[][] Biases { get; } = new float[3][];
}
