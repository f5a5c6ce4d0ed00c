using System.Numerics.Tensors;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// The general-purpose version: the same network written over System.Numerics.Tensors'
/// TensorPrimitives (SIMD dot products and element-wise kernels for any length), the way a
/// library without compile-time shapes would; the optimizer is the runtime's Adam.
/// </summary>
public sealed class TensorPrimitivesMlp
{
    private readonly float[] _parameters, _gradients;
    private readonly int[] _weightOffsets = new int[3], _biasOffsets = new int[3];
    private readonly float[][] _activations = new float[4][], _deltas = new float[4][];
    private readonly float[] _scratch;
    private readonly Adam _adam = new(1e-3f);

    public TensorPrimitivesMlp(MlpWeights weights, int maxBatch)
    {
        var all = new List<float>();
        for (int l = 0; l < 3; l++)
        {
            _weightOffsets[l] = all.Count;
            all.AddRange(weights.Weights[l]);
            _biasOffsets[l] = all.Count;
            all.AddRange(weights.Biases[l]);
        }
        _parameters = all.ToArray();
        _gradients = new float[_parameters.Length];
        for (int l = 0; l < 4; l++)
        {
            _activations[l] = new float[maxBatch * MlpWeights.Widths[l]];
            _deltas[l] = new float[maxBatch * MlpWeights.Widths[l]];
        }
        _scratch = new float[128];
    }

    private Span<float> W(int l) => _parameters.AsSpan(_weightOffsets[l], MlpWeights.Widths[l] * MlpWeights.Widths[l + 1]);

    private Span<float> B(int l) => _parameters.AsSpan(_biasOffsets[l], MlpWeights.Widths[l + 1]);

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batch)
    {
        inputs.Slice(0, batch * 64).CopyTo(_activations[0]);
        Propagate(batch);
        _activations[3].AsSpan(0, batch * 10).CopyTo(outputs);
    }

    private void Propagate(int batch)
    {
        for (int l = 0; l < 3; l++)
        {
            int inputs = MlpWeights.Widths[l], outputs = MlpWeights.Widths[l + 1];
            ReadOnlySpan<float> w = W(l);
            for (int s = 0; s < batch; s++)
            {
                ReadOnlySpan<float> x = _activations[l].AsSpan(s * inputs, inputs);
                Span<float> y = _activations[l + 1].AsSpan(s * outputs, outputs);
                for (int o = 0; o < outputs; o++) y[o] = TensorPrimitives.Dot(w.Slice(o * inputs, inputs), x);
                TensorPrimitives.Add(y, B(l), y);
                if (l < 2) TensorPrimitives.Max(y, 0f, y);
            }
        }
    }

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, int batch)
    {
        inputs.Slice(0, batch * 64).CopyTo(_activations[0]);
        Propagate(batch);
        float loss = 0;
        for (int s = 0; s < batch; s++)
        {
            Span<float> logits = _activations[3].AsSpan(s * 10, 10), delta = _deltas[3].AsSpan(s * 10, 10);
            TensorPrimitives.SoftMax(logits, delta);
            loss -= MathF.Log(delta[labels[s]]);
            delta[labels[s]] -= 1;
            TensorPrimitives.Multiply(delta, 1f / batch, delta);
        }
        Array.Clear(_gradients);
        for (int l = 2; l >= 0; l--)
        {
            int fanIn = MlpWeights.Widths[l], outputs = MlpWeights.Widths[l + 1];
            Span<float> gw = _gradients.AsSpan(_weightOffsets[l], fanIn * outputs), gb = _gradients.AsSpan(_biasOffsets[l], outputs);
            for (int s = 0; s < batch; s++)
            {
                ReadOnlySpan<float> delta = _deltas[l + 1].AsSpan(s * outputs, outputs), x = _activations[l].AsSpan(s * fanIn, fanIn);
                TensorPrimitives.Add(gb, delta, gb);
                for (int o = 0; o < outputs; o++)
                {
                    Span<float> row = gw.Slice(o * fanIn, fanIn);
                    TensorPrimitives.MultiplyAdd(x, delta[o], row, row);
                }
                if (l == 0) continue;
                Span<float> back = _deltas[l].AsSpan(s * fanIn, fanIn), sum = _scratch.AsSpan(0, fanIn);
                sum.Clear();
                ReadOnlySpan<float> w = W(l);
                for (int o = 0; o < outputs; o++) TensorPrimitives.MultiplyAdd(w.Slice(o * fanIn, fanIn), delta[o], sum, sum);
                for (int i = 0; i < fanIn; i++) back[i] = x[i] > 0 ? sum[i] : 0;
            }
        }
        _adam.Step(_parameters, _gradients);
        return loss / batch;
    }
}
