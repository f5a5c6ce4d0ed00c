namespace Specialized.Benchmarks.Conv;

/// <summary>One layer of a <see cref="NaiveCnn"/>: what it reads, what it writes, and where its parameters start.</summary>
public abstract record NaiveLayer(int InputSize, int OutputSize);

/// <summary>Conv2D, square kernel, stride 1, bias, optional ReLU; weights <c>[Cout, Cin, K, K]</c> then the bias.</summary>
public sealed record NaiveConv(int InChannels, int Height, int Width, int OutChannels, int Kernel, int Padding, bool Relu)
    : NaiveLayer(InChannels * Height * Width, OutChannels * (Height + 2 * Padding - Kernel + 1) * (Width + 2 * Padding - Kernel + 1))
{
    public int OutHeight => Height + 2 * Padding - Kernel + 1;

    public int OutWidth => Width + 2 * Padding - Kernel + 1;

    public int ParameterCount => OutChannels * InChannels * Kernel * Kernel + OutChannels;
}

/// <summary>Max pool, 2×2 window, stride 2, no padding.</summary>
public sealed record NaivePool(int Channels, int Height, int Width) : NaiveLayer(Channels * Height * Width, Channels * (Height / 2) * (Width / 2));

/// <summary>Dense, weights packed as the generated models pack them (<c>Wᵀ[in, out]</c>) then the bias, optional ReLU.</summary>
public sealed record NaiveDense(int Inputs, int Outputs, bool Relu) : NaiveLayer(Inputs, Outputs)
{
    public int ParameterCount => Inputs * Outputs + Outputs;
}

/// <summary>
/// The baseline of the model-level CNN benchmark: a chain of convolutions, 2×2 max pools and dense
/// layers written the way one would by hand, in plain scalar C# over arrays: the convolution is the
/// textbook seven loops (sample, output channel, output row, output column, input channel, kernel
/// row, kernel column), softmax cross-entropy averaged over the batch, and a scalar Adam. No SIMD,
/// no blocking, no specialization. Its parameters are one flat array in the generated models'
/// packed order, so the benchmark copies the generated model's weights in and compares gradients
/// element by element.
/// </summary>
public sealed class NaiveCnn
{
    private readonly NaiveLayer[] _layers;
    private readonly int[] _offsets;
    private readonly float[][] _values, _deltas;
    private readonly int[][] _argmax;
    private readonly float[] _m, _v;
    private int _step;

    public NaiveCnn(NaiveLayer[] layers, ReadOnlySpan<float> parameters, int maxBatch)
    {
        _layers = layers;
        _offsets = new int[layers.Length];
        int offset = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            _offsets[l] = offset;
            offset += layers[l] switch { NaiveConv c => c.ParameterCount, NaiveDense d => d.ParameterCount, _ => 0 };
        }
        if (offset != parameters.Length) throw new ArgumentException($"The layers hold {offset} parameters, the model {parameters.Length}.", nameof(parameters));
        Parameters = parameters.ToArray();
        Gradients = new float[offset];
        _m = new float[offset];
        _v = new float[offset];
        _values = new float[layers.Length + 1][];
        _deltas = new float[layers.Length + 1][];
        _argmax = new int[layers.Length][];
        _values[0] = new float[maxBatch * layers[0].InputSize];
        _deltas[0] = new float[maxBatch * layers[0].InputSize];
        for (int l = 0; l < layers.Length; l++)
        {
            _values[l + 1] = new float[maxBatch * layers[l].OutputSize];
            _deltas[l + 1] = new float[maxBatch * layers[l].OutputSize];
            _argmax[l] = new int[maxBatch * layers[l].OutputSize];
        }
    }

    public float[] Parameters { get; }

    public float[] Gradients { get; }

    private int Classes => _layers[^1].OutputSize;

    public void Forward(float[] inputs, float[] outputs, int batch)
    {
        Array.Copy(inputs, _values[0], batch * _layers[0].InputSize);
        Propagate(batch);
        Array.Copy(_values[^1], outputs, batch * Classes);
    }

    /// <summary>Forward, softmax cross-entropy (mean over the batch) and backward into <see cref="Gradients"/>; returns the loss.</summary>
    public float ComputeGradients(float[] inputs, int[] labels, int batch)
    {
        Array.Copy(inputs, _values[0], batch * _layers[0].InputSize);
        Propagate(batch);
        int classes = Classes;
        float[] logits = _values[^1], delta = _deltas[^1];
        float loss = 0;
        for (int s = 0; s < batch; s++)
        {
            float max = float.NegativeInfinity, total = 0;
            for (int j = 0; j < classes; j++) max = MathF.Max(max, logits[s * classes + j]);
            for (int j = 0; j < classes; j++) total += MathF.Exp(logits[s * classes + j] - max);
            loss += max + MathF.Log(total) - logits[s * classes + labels[s]];
            for (int j = 0; j < classes; j++)
                delta[s * classes + j] = (MathF.Exp(logits[s * classes + j] - max) / total - (j == labels[s] ? 1 : 0)) / batch;
        }
        Array.Clear(Gradients);
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            bool inputGradient = l > 0;
            switch (_layers[l])
            {
                case NaiveConv conv: ConvBackward(conv, l, batch, inputGradient); break;
                case NaivePool pool: PoolBackward(pool, l, batch); break;
                case NaiveDense dense: DenseBackward(dense, l, batch, inputGradient); break;
            }
        }
        return loss / batch;
    }

    /// <summary><see cref="ComputeGradients"/> then one Adam step (lr 1e-3, β 0.9/0.999, ε 1e-8) on every parameter.</summary>
    public float TrainStep(float[] inputs, int[] labels, int batch)
    {
        float loss = ComputeGradients(inputs, labels, batch);
        const float lr = 1e-3f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
        _step++;
        float c1 = 1 - MathF.Pow(beta1, _step), c2 = 1 - MathF.Pow(beta2, _step);
        float[] p = Parameters, g = Gradients;
        for (int i = 0; i < p.Length; i++)
        {
            _m[i] = beta1 * _m[i] + (1 - beta1) * g[i];
            _v[i] = beta2 * _v[i] + (1 - beta2) * g[i] * g[i];
            p[i] -= lr * (_m[i] / c1) / (MathF.Sqrt(_v[i] / c2) + eps);
        }
        return loss;
    }

    private void Propagate(int batch)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            switch (_layers[l])
            {
                case NaiveConv conv: ConvForward(conv, l, batch); break;
                case NaivePool pool: PoolForward(pool, l, batch); break;
                case NaiveDense dense: DenseForward(dense, l, batch); break;
            }
        }
    }

    private void ConvForward(NaiveConv conv, int l, int batch)
    {
        int cin = conv.InChannels, h = conv.Height, w = conv.Width, cout = conv.OutChannels, k = conv.Kernel, pad = conv.Padding;
        int outH = conv.OutHeight, outW = conv.OutWidth, weights = cout * cin * k * k, p0 = _offsets[l];
        float[] x = _values[l], y = _values[l + 1], p = Parameters;
        for (int n = 0; n < batch; n++)
        for (int co = 0; co < cout; co++)
        for (int oh = 0; oh < outH; oh++)
        for (int ow = 0; ow < outW; ow++)
        {
            float z = p[p0 + weights + co];
            for (int c = 0; c < cin; c++)
            for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                int ih = oh - pad + i, iw = ow - pad + j;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                z += p[p0 + ((co * cin + c) * k + i) * k + j] * x[((n * cin + c) * h + ih) * w + iw];
            }
            y[((n * cout + co) * outH + oh) * outW + ow] = conv.Relu ? MathF.Max(z, 0) : z;
        }
    }

    private void ConvBackward(NaiveConv conv, int l, int batch, bool inputGradient)
    {
        int cin = conv.InChannels, h = conv.Height, w = conv.Width, cout = conv.OutChannels, k = conv.Kernel, pad = conv.Padding;
        int outH = conv.OutHeight, outW = conv.OutWidth, weights = cout * cin * k * k, p0 = _offsets[l];
        float[] x = _values[l], y = _values[l + 1], dy = _deltas[l + 1], dx = _deltas[l], p = Parameters, g = Gradients;
        if (inputGradient) Array.Clear(dx, 0, batch * conv.InputSize);
        for (int n = 0; n < batch; n++)
        for (int co = 0; co < cout; co++)
        for (int oh = 0; oh < outH; oh++)
        for (int ow = 0; ow < outW; ow++)
        {
            int o = ((n * cout + co) * outH + oh) * outW + ow;
            float dz = !conv.Relu || y[o] > 0 ? dy[o] : 0;
            g[p0 + weights + co] += dz;
            for (int c = 0; c < cin; c++)
            for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                int ih = oh - pad + i, iw = ow - pad + j;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                int wi = p0 + ((co * cin + c) * k + i) * k + j, xi = ((n * cin + c) * h + ih) * w + iw;
                g[wi] += dz * x[xi];
                if (inputGradient) dx[xi] += dz * p[wi];
            }
        }
    }

    private void PoolForward(NaivePool pool, int l, int batch)
    {
        int h = pool.Height, w = pool.Width, outH = h / 2, outW = w / 2;
        float[] x = _values[l], y = _values[l + 1];
        int[] at = _argmax[l];
        for (int plane = 0; plane < batch * pool.Channels; plane++)
        for (int oh = 0; oh < outH; oh++)
        for (int ow = 0; ow < outW; ow++)
        {
            float max = float.NegativeInfinity;
            int best = 0;
            for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                int xi = (plane * h + 2 * oh + i) * w + 2 * ow + j;
                if (x[xi] > max) { max = x[xi]; best = xi; }
            }
            int o = (plane * outH + oh) * outW + ow;
            y[o] = max;
            at[o] = best;
        }
    }

    private void PoolBackward(NaivePool pool, int l, int batch)
    {
        float[] dy = _deltas[l + 1], dx = _deltas[l];
        int[] at = _argmax[l];
        Array.Clear(dx, 0, batch * pool.InputSize);
        for (int o = 0; o < batch * pool.OutputSize; o++) dx[at[o]] += dy[o];
    }

    private void DenseForward(NaiveDense dense, int l, int batch)
    {
        int inputs = dense.Inputs, outputs = dense.Outputs, p0 = _offsets[l], bias = p0 + inputs * outputs;
        float[] x = _values[l], y = _values[l + 1], p = Parameters;
        for (int s = 0; s < batch; s++)
        {
            for (int o = 0; o < outputs; o++) y[s * outputs + o] = p[bias + o];
            for (int i = 0; i < inputs; i++)
            {
                float xi = x[s * inputs + i];
                for (int o = 0; o < outputs; o++) y[s * outputs + o] += xi * p[p0 + i * outputs + o];
            }
            if (dense.Relu)
            {
                for (int o = 0; o < outputs; o++) y[s * outputs + o] = MathF.Max(y[s * outputs + o], 0);
            }
        }
    }

    private void DenseBackward(NaiveDense dense, int l, int batch, bool inputGradient)
    {
        int inputs = dense.Inputs, outputs = dense.Outputs, p0 = _offsets[l], bias = p0 + inputs * outputs;
        float[] x = _values[l], y = _values[l + 1], dy = _deltas[l + 1], dx = _deltas[l], p = Parameters, g = Gradients;
        for (int s = 0; s < batch; s++)
        {
            if (dense.Relu)
            {
                for (int o = 0; o < outputs; o++)
                {
                    if (y[s * outputs + o] <= 0) dy[s * outputs + o] = 0;
                }
            }
            for (int o = 0; o < outputs; o++) g[bias + o] += dy[s * outputs + o];
            for (int i = 0; i < inputs; i++)
            {
                float xi = x[s * inputs + i], sum = 0;
                for (int o = 0; o < outputs; o++)
                {
                    g[p0 + i * outputs + o] += xi * dy[s * outputs + o];
                    sum += p[p0 + i * outputs + o] * dy[s * outputs + o];
                }
                if (inputGradient) dx[s * inputs + i] = sum;
            }
        }
    }
}
