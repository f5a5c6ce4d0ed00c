namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// The baseline: the digits MLP written the way one would by hand, in plain scalar C# over arrays in
/// PyTorch's layout, with a scalar Adam. No SIMD, no blocking, no specialization.
/// </summary>
public sealed class NaiveMlp
{
    private readonly float[][] _w, _b, _gw, _gb, _m, _v;
    private readonly float[][] _activations = new float[4][], _deltas = new float[4][];
    private int _step;

    public NaiveMlp(MlpWeights weights, int maxBatch)
    {
        _w = weights.Weights.Select(a => (float[])a.Clone()).ToArray();
        _b = weights.Biases.Select(a => (float[])a.Clone()).ToArray();
        _gw = _w.Select(a => new float[a.Length]).ToArray();
        _gb = _b.Select(a => new float[a.Length]).ToArray();
        _m = _w.Concat(_b).Select(a => new float[a.Length]).ToArray();
        _v = _w.Concat(_b).Select(a => new float[a.Length]).ToArray();
        for (int l = 0; l < 4; l++)
        {
            _activations[l] = new float[maxBatch * MlpWeights.Widths[l]];
            _deltas[l] = new float[maxBatch * MlpWeights.Widths[l]];
        }
    }

    public void Forward(float[] inputs, float[] outputs, int batch)
    {
        Array.Copy(inputs, _activations[0], batch * 64);
        Propagate(batch);
        Array.Copy(_activations[3], outputs, batch * 10);
    }

    private void Propagate(int batch)
    {
        for (int l = 0; l < 3; l++)
        {
            int inputs = MlpWeights.Widths[l], outputs = MlpWeights.Widths[l + 1];
            for (int s = 0; s < batch; s++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    float sum = _b[l][o];
                    for (int i = 0; i < inputs; i++) sum += _w[l][o * inputs + i] * _activations[l][s * inputs + i];
                    _activations[l + 1][s * outputs + o] = l < 2 ? MathF.Max(sum, 0) : sum;
                }
            }
        }
    }

    /// <summary>Forward, softmax cross-entropy, backward and an Adam step (lr 1e-3) on one batch; returns the loss.</summary>
    public float TrainStep(float[] inputs, int[] labels, int batch)
    {
        Array.Copy(inputs, _activations[0], batch * 64);
        Propagate(batch);
        float loss = 0;
        for (int s = 0; s < batch; s++)
        {
            float max = float.NegativeInfinity, total = 0;
            for (int j = 0; j < 10; j++) max = MathF.Max(max, _activations[3][s * 10 + j]);
            for (int j = 0; j < 10; j++) total += MathF.Exp(_activations[3][s * 10 + j] - max);
            loss += max + MathF.Log(total) - _activations[3][s * 10 + labels[s]];
            for (int j = 0; j < 10; j++)
                _deltas[3][s * 10 + j] = (MathF.Exp(_activations[3][s * 10 + j] - max) / total - (j == labels[s] ? 1 : 0)) / batch;
        }
        for (int l = 2; l >= 0; l--)
        {
            int fanIn = MlpWeights.Widths[l], outputs = MlpWeights.Widths[l + 1];
            Array.Clear(_gw[l]);
            Array.Clear(_gb[l]);
            for (int s = 0; s < batch; s++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    float delta = _deltas[l + 1][s * outputs + o];
                    _gb[l][o] += delta;
                    for (int i = 0; i < fanIn; i++) _gw[l][o * fanIn + i] += delta * _activations[l][s * fanIn + i];
                }
                if (l == 0) continue;
                for (int i = 0; i < fanIn; i++)
                {
                    float sum = 0;
                    for (int o = 0; o < outputs; o++) sum += _deltas[l + 1][s * outputs + o] * _w[l][o * fanIn + i];
                    _deltas[l][s * fanIn + i] = _activations[l][s * fanIn + i] > 0 ? sum : 0;
                }
            }
        }
        _step++;
        for (int l = 0; l < 3; l++)
        {
            Adam(_w[l], _gw[l], _m[l], _v[l]);
            Adam(_b[l], _gb[l], _m[3 + l], _v[3 + l]);
        }
        return loss / batch;
    }

    private void Adam(float[] p, float[] g, float[] m, float[] v)
    {
        const float lr = 1e-3f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
        float c1 = 1 - MathF.Pow(beta1, _step), c2 = 1 - MathF.Pow(beta2, _step);
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            p[i] -= lr * (m[i] / c1) / (MathF.Sqrt(v[i] / c2) + eps);
        }
    }
}
