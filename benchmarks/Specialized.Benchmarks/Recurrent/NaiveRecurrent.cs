using Specialized.Kernels;

namespace Specialized.Benchmarks.Recurrent;

/// <summary>
/// The baseline: a one-layer LSTM or GRU and a Dense(1) head written the way one would by hand, in plain
/// scalar C# over arrays in PyTorch's layout (W_ih [G·H, F], W_hh [G·H, H], gates i, f, g, o or r, z, n),
/// with PyTorch's equations, backpropagation through time and plain SGD. No SIMD, no blocking, no specialization.
/// </summary>
public sealed class NaiveRecurrent
{
    private readonly bool _lstm;
    private readonly int _f, _h, _gh, _steps;
    private readonly float[] _wih, _whh, _bih, _bhh, _wy;
    private float _by;

    // Streaming state.
    private readonly float[] _hState, _cState, _hNew;

    // Per sample and step, what BPTT needs: h_{t−1} (and h after the last step), c_t, the gate activations, GRU's W_hn·h + b_hn.
    private readonly float[] _hs, _cs, _acts, _hns;
    private readonly float[] _dWih, _dWhh, _dBih, _dBhh, _dWy, _dh, _dc, _da, _dah, _dhPrevious;

    /// <summary>Copies the weights of a generated model with these tensors (converted to PyTorch's layout).</summary>
    public NaiveRecurrent(IReadOnlyList<ModelTensor> tensors, ReadOnlySpan<float> parameters, bool lstm, int features, int hidden, int steps, int maxBatch)
    {
        _lstm = lstm;
        _f = features;
        _h = hidden;
        _gh = (lstm ? 4 : 3) * hidden;
        _steps = steps;
        _wih = PyTorchLayout(tensors[0], parameters);
        _whh = PyTorchLayout(tensors[1], parameters);
        _bih = PyTorchLayout(tensors[2], parameters);
        _bhh = PyTorchLayout(tensors[3], parameters);
        _wy = PyTorchLayout(tensors[4], parameters);
        _by = PyTorchLayout(tensors[5], parameters)[0];
        _hState = new float[hidden];
        _cState = new float[hidden];
        _hNew = new float[hidden];
        _hs = new float[maxBatch * (steps + 1) * hidden];
        _cs = new float[maxBatch * (steps + 1) * hidden];
        _acts = new float[maxBatch * steps * _gh];
        _hns = new float[maxBatch * steps * hidden];
        _dWih = new float[_wih.Length];
        _dWhh = new float[_whh.Length];
        _dBih = new float[_gh];
        _dBhh = new float[_gh];
        _dWy = new float[hidden];
        _dh = new float[hidden];
        _dc = new float[hidden];
        _da = new float[_gh];
        _dah = new float[_gh];
        _dhPrevious = new float[hidden];
    }

    private static float[] PyTorchLayout(ModelTensor tensor, ReadOnlySpan<float> parameters)
    {
        var values = parameters.Slice(tensor.Offset, tensor.Length).ToArray();
        if (!tensor.IsTransposed) return values;
        var result = new float[values.Length];
        MatrixKernels.Transpose(values, tensor.Length / tensor.Shape[0], tensor.Shape[0], result);
        return result;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>Clears the streaming state.</summary>
    public void ResetState()
    {
        Array.Clear(_hState);
        Array.Clear(_cState);
    }

    /// <summary>One streaming step: the head's output after feeding <paramref name="x"/> (F floats at <paramref name="offset"/>).</summary>
    public float Step(float[] x, int offset)
    {
        Cell(x, offset, _hState, _cState, _hNew, _cState, null, null);
        Array.Copy(_hNew, _hState, _h);
        return Head(_hState, 0);
    }

    /// <summary>The head's output for one sequence of T steps (F floats per step), from a zero state.</summary>
    public float Forward(float[] x)
    {
        ResetState();
        for (int t = 0; t < _steps; t++)
        {
            Cell(x, t * _f, _hState, _cState, _hNew, _cState, null, null);
            Array.Copy(_hNew, _hState, _h);
        }
        return Head(_hState, 0);
    }

    private float Head(float[] h, int offset)
    {
        float y = _by;
        for (int k = 0; k < _h; k++) y += _wy[k] * h[offset + k];
        return y;
    }

    // One step of the cell from h and c (c unused for GRU) into hNew and cNew; records the gates when asked.
    private void Cell(float[] x, int xOffset, float[] h, float[] c, float[] hNew, float[] cNew, float[]? acts, float[]? hns, int hOffset = 0, int cOffset = 0,
        int hNewOffset = 0, int cNewOffset = 0, int actOffset = 0, int hnOffset = 0)
    {
        for (int j = 0; j < _h; j++)
        {
            if (_lstm)
            {
                float ai = Gate(x, xOffset, h, hOffset, j), af = Gate(x, xOffset, h, hOffset, _h + j);
                float ag = Gate(x, xOffset, h, hOffset, 2 * _h + j), ao = Gate(x, xOffset, h, hOffset, 3 * _h + j);
                float i = Sigmoid(ai), f = Sigmoid(af), g = MathF.Tanh(ag), o = Sigmoid(ao);
                float cell = f * c[cOffset + j] + i * g;
                cNew[cNewOffset + j] = cell;
                hNew[hNewOffset + j] = o * MathF.Tanh(cell);
                if (acts is not null)
                {
                    acts[actOffset + j] = i;
                    acts[actOffset + _h + j] = f;
                    acts[actOffset + 2 * _h + j] = g;
                    acts[actOffset + 3 * _h + j] = o;
                }
            }
            else
            {
                float r = Sigmoid(Gate(x, xOffset, h, hOffset, j)), z = Sigmoid(Gate(x, xOffset, h, hOffset, _h + j));
                float xn = _bih[2 * _h + j], hn = _bhh[2 * _h + j];
                for (int k = 0; k < _f; k++) xn += _wih[(2 * _h + j) * _f + k] * x[xOffset + k];
                for (int k = 0; k < _h; k++) hn += _whh[(2 * _h + j) * _h + k] * h[hOffset + k];
                float n = MathF.Tanh(xn + r * hn);
                hNew[hNewOffset + j] = (1 - z) * n + z * h[hOffset + j];
                if (acts is not null)
                {
                    acts[actOffset + j] = r;
                    acts[actOffset + _h + j] = z;
                    acts[actOffset + 2 * _h + j] = n;
                    hns![hnOffset + j] = hn;
                }
            }
        }
    }

    // Pre-activation of gate row q: b_ih + W_ih x + b_hh + W_hh h.
    private float Gate(float[] x, int xOffset, float[] h, int hOffset, int q)
    {
        float sum = _bih[q] + _bhh[q];
        for (int k = 0; k < _f; k++) sum += _wih[q * _f + k] * x[xOffset + k];
        for (int k = 0; k < _h; k++) sum += _whh[q * _h + k] * h[hOffset + k];
        return sum;
    }

    /// <summary>
    /// One training step on <paramref name="batch"/> sequences: forward, mean squared error against
    /// <paramref name="targets"/>, backpropagation through time, and an SGD update. Returns the loss.
    /// </summary>
    public float TrainStep(float[] x, float[] targets, int batch, float learningRate)
    {
        Array.Clear(_dWih);
        Array.Clear(_dWhh);
        Array.Clear(_dBih);
        Array.Clear(_dBhh);
        Array.Clear(_dWy);
        float dBy = 0, loss = 0;
        int hStride = (_steps + 1) * _h;
        for (int n = 0; n < batch; n++)
        {
            Array.Clear(_hs, n * hStride, _h);
            Array.Clear(_cs, n * hStride, _h);
            for (int t = 0; t < _steps; t++)
            {
                int at = n * hStride + t * _h;
                Cell(x, (n * _steps + t) * _f, _hs, _cs, _hs, _cs, _acts, _hns, at, at, at + _h, at + _h, (n * _steps + t) * _gh, (n * _steps + t) * _h);
            }
            int last = n * hStride + _steps * _h;
            float error = Head(_hs, last) - targets[n];
            loss += error * error;
            float dy = 2 * error / batch;
            dBy += dy;
            for (int k = 0; k < _h; k++)
            {
                _dWy[k] += dy * _hs[last + k];
                _dh[k] = dy * _wy[k];
                _dc[k] = 0;
            }
            for (int t = _steps - 1; t >= 0; t--)
            {
                int hp = n * hStride + t * _h, act = (n * _steps + t) * _gh, xo = (n * _steps + t) * _f;
                Array.Clear(_dhPrevious);
                for (int j = 0; j < _h; j++)
                {
                    if (_lstm)
                    {
                        float i = _acts[act + j], f = _acts[act + _h + j], g = _acts[act + 2 * _h + j], o = _acts[act + 3 * _h + j];
                        float tc = MathF.Tanh(_cs[hp + _h + j]);
                        float dc = _dc[j] + _dh[j] * o * (1 - tc * tc);
                        _da[j] = dc * g * i * (1 - i);
                        _da[_h + j] = dc * _cs[hp + j] * f * (1 - f);
                        _da[2 * _h + j] = dc * i * (1 - g * g);
                        _da[3 * _h + j] = _dh[j] * tc * o * (1 - o);
                        _dc[j] = dc * f;
                        for (int q = 0; q < 4; q++) _dah[q * _h + j] = _da[q * _h + j];
                    }
                    else
                    {
                        float r = _acts[act + j], z = _acts[act + _h + j], nn = _acts[act + 2 * _h + j];
                        float dan = _dh[j] * (1 - z) * (1 - nn * nn);
                        _da[j] = _dah[j] = dan * _hns[(n * _steps + t) * _h + j] * r * (1 - r);
                        _da[_h + j] = _dah[_h + j] = _dh[j] * (_hs[hp + j] - nn) * z * (1 - z);
                        _da[2 * _h + j] = dan;
                        _dah[2 * _h + j] = dan * r;
                        _dhPrevious[j] = _dh[j] * z;
                    }
                }
                for (int q = 0; q < _gh; q++)
                {
                    for (int k = 0; k < _f; k++) _dWih[q * _f + k] += _da[q] * x[xo + k];
                    for (int k = 0; k < _h; k++)
                    {
                        _dWhh[q * _h + k] += _dah[q] * _hs[hp + k];
                        _dhPrevious[k] += _dah[q] * _whh[q * _h + k];
                    }
                    _dBih[q] += _da[q];
                    _dBhh[q] += _dah[q];
                }
                Array.Copy(_dhPrevious, _dh, _h);
            }
        }
        for (int i = 0; i < _wih.Length; i++) _wih[i] -= learningRate * _dWih[i];
        for (int i = 0; i < _whh.Length; i++) _whh[i] -= learningRate * _dWhh[i];
        for (int i = 0; i < _gh; i++)
        {
            _bih[i] -= learningRate * _dBih[i];
            _bhh[i] -= learningRate * _dBhh[i];
        }
        for (int k = 0; k < _h; k++) _wy[k] -= learningRate * _dWy[k];
        _by -= learningRate * dBy;
        return loss / batch;
    }
}
