using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

public enum RecurrentKind { Rnn, Lstm, Gru }

/// <summary>The three recurrent nodes behind one interface, so one harness tests them all.</summary>
internal interface IRecurrentNode
{
    static abstract RecurrentKind Kind { get; }
    static abstract int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer;
    static abstract int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer;
    static abstract int SavedLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer;
    static abstract void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer;
    static abstract void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg>;
    static abstract void ForwardTraining<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> saved, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg>;
    static abstract void Backward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients, ReadOnlySpan<float> saved,
        Span<float> inputGradient, GradientMode mode, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg>;
}

internal readonly struct LstmApi : IRecurrentNode
{
    public static RecurrentKind Kind => RecurrentKind.Lstm;
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer => LstmNode.ParameterCount<TLayer>();
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => LstmNode.ScratchLength<TLayer>(rows);
    public static int SavedLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => LstmNode.SavedLength<TLayer>(rows);
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer => LstmNode.Initialize<TLayer>(parameters, random);
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        LstmNode.ForwardInference<TLayer, TReg>(inputs, parameters, outputs, scratch, rows);
    public static void ForwardTraining<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> saved, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        LstmNode.ForwardTraining<TLayer, TReg>(inputs, parameters, outputs, saved, scratch, rows);
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients, ReadOnlySpan<float> saved,
        Span<float> inputGradient, GradientMode mode, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        LstmNode.Backward<TLayer, TReg>(inputs, outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, scratch, rows);
}

internal readonly struct RnnApi : IRecurrentNode
{
    public static RecurrentKind Kind => RecurrentKind.Rnn;
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer => RnnNode.ParameterCount<TLayer>();
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => RnnNode.ScratchLength<TLayer>(rows);
    public static int SavedLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => RnnNode.SavedLength<TLayer>(rows);
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer => RnnNode.Initialize<TLayer>(parameters, random);
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        RnnNode.ForwardInference<TLayer, TReg>(inputs, parameters, outputs, scratch, rows);
    public static void ForwardTraining<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> saved, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        RnnNode.ForwardTraining<TLayer, TReg>(inputs, parameters, outputs, saved, scratch, rows);
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients, ReadOnlySpan<float> saved,
        Span<float> inputGradient, GradientMode mode, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        RnnNode.Backward<TLayer, TReg>(inputs, outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, scratch, rows);
}

internal readonly struct GruApi : IRecurrentNode
{
    public static RecurrentKind Kind => RecurrentKind.Gru;
    public static int ParameterCount<TLayer>() where TLayer : struct, IRecurrentLayer => GruNode.ParameterCount<TLayer>();
    public static int ScratchLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => GruNode.ScratchLength<TLayer>(rows);
    public static int SavedLength<TLayer>(int rows) where TLayer : struct, IRecurrentLayer => GruNode.SavedLength<TLayer>(rows);
    public static void Initialize<TLayer>(Span<float> parameters, Random random) where TLayer : struct, IRecurrentLayer => GruNode.Initialize<TLayer>(parameters, random);
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        GruNode.ForwardInference<TLayer, TReg>(inputs, parameters, outputs, scratch, rows);
    public static void ForwardTraining<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> saved, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        GruNode.ForwardTraining<TLayer, TReg>(inputs, parameters, outputs, saved, scratch, rows);
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients, ReadOnlySpan<float> saved,
        Span<float> inputGradient, GradientMode mode, Span<float> scratch, int rows)
        where TLayer : struct, IRecurrentLayer where TReg : struct, IFloatRegister<TReg> =>
        GruNode.Backward<TLayer, TReg>(inputs, outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, scratch, rows);
}

/// <summary>
/// PyTorch's equations in double, written as plain per-sample loops (no batching, no shared code with
/// the kernels): forward keeps every step's pre-activations, backward runs BPTT from dL/dy.
/// </summary>
internal static class RecurrentReference
{
    public static int Gates(RecurrentKind kind) => kind switch { RecurrentKind.Lstm => 4, RecurrentKind.Gru => 3, _ => 1 };

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Outputs [rows, H] or [rows, T, H], parameter gradients (the nodes' layout: PyTorch's tensors, weights transposed) and dL/dx [rows, T, F].</summary>
    public static (double[] Outputs, double[] ParameterGradients, double[] InputGradient) Run(
        RecurrentKind kind, Activation activation, int f, int hidden, int steps, bool sequences, int rows,
        float[] x, float[] p, float[] dy)
    {
        int g = Gates(kind), gh = g * hidden;
        int wih = 0, whh = gh * f, bih = gh * (f + hidden), bhh = bih + gh;
        var y = new double[rows * (sequences ? steps * hidden : hidden)];
        var dp = new double[gh * (f + hidden + 2)];
        var dx = new double[rows * steps * f];
        for (int n = 0; n < rows; n++)
        {
            var h = new double[steps + 1][];
            var c = new double[steps + 1][];
            var ax = new double[steps][];
            var ah = new double[steps][];
            var act = new double[steps][];
            h[0] = new double[hidden];
            c[0] = new double[hidden];
            for (int t = 0; t < steps; t++)
            {
                ax[t] = new double[gh];
                ah[t] = new double[gh];
                for (int q = 0; q < gh; q++)
                {
                    double sx = p[bih + q], sh = p[bhh + q];
                    for (int k = 0; k < f; k++) sx += (double)p[wih + k * gh + q] * x[(n * steps + t) * f + k];
                    for (int k = 0; k < hidden; k++) sh += (double)p[whh + k * gh + q] * h[t][k];
                    ax[t][q] = sx;
                    ah[t][q] = sh;
                }
                h[t + 1] = new double[hidden];
                c[t + 1] = new double[hidden];
                act[t] = new double[gh];
                for (int j = 0; j < hidden; j++)
                {
                    switch (kind)
                    {
                        case RecurrentKind.Lstm:
                        {
                            double i = Sigmoid(ax[t][j] + ah[t][j]), fg = Sigmoid(ax[t][hidden + j] + ah[t][hidden + j]);
                            double gg = Math.Tanh(ax[t][2 * hidden + j] + ah[t][2 * hidden + j]), o = Sigmoid(ax[t][3 * hidden + j] + ah[t][3 * hidden + j]);
                            act[t][j] = i; act[t][hidden + j] = fg; act[t][2 * hidden + j] = gg; act[t][3 * hidden + j] = o;
                            c[t + 1][j] = fg * c[t][j] + i * gg;
                            h[t + 1][j] = o * Math.Tanh(c[t + 1][j]);
                            break;
                        }
                        case RecurrentKind.Gru:
                        {
                            double r = Sigmoid(ax[t][j] + ah[t][j]), z = Sigmoid(ax[t][hidden + j] + ah[t][hidden + j]);
                            double nn = Math.Tanh(ax[t][2 * hidden + j] + r * ah[t][2 * hidden + j]);
                            act[t][j] = r; act[t][hidden + j] = z; act[t][2 * hidden + j] = nn;
                            h[t + 1][j] = (1 - z) * nn + z * h[t][j];
                            break;
                        }
                        default:
                            h[t + 1][j] = NodeBuffers.Activate(activation, ax[t][j] + ah[t][j]);
                            break;
                    }
                }
                if (sequences) for (int j = 0; j < hidden; j++) y[(n * steps + t) * hidden + j] = h[t + 1][j];
            }
            if (!sequences) for (int j = 0; j < hidden; j++) y[n * hidden + j] = h[steps][j];

            // BPTT.
            var dh = new double[hidden];
            var dc = new double[hidden];
            for (int t = steps - 1; t >= 0; t--)
            {
                for (int j = 0; j < hidden; j++)
                {
                    if (sequences) dh[j] += dy[(n * steps + t) * hidden + j];
                    else if (t == steps - 1) dh[j] += dy[n * hidden + j];
                }
                var dax = new double[gh];
                var dah = new double[gh];
                var direct = new double[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    switch (kind)
                    {
                        case RecurrentKind.Lstm:
                        {
                            double i = act[t][j], fg = act[t][hidden + j], gg = act[t][2 * hidden + j], o = act[t][3 * hidden + j];
                            double tc = Math.Tanh(c[t + 1][j]);
                            double dct = dc[j] + dh[j] * o * (1 - tc * tc);
                            dax[j] = dct * gg * i * (1 - i);
                            dax[hidden + j] = dct * c[t][j] * fg * (1 - fg);
                            dax[2 * hidden + j] = dct * i * (1 - gg * gg);
                            dax[3 * hidden + j] = dh[j] * tc * o * (1 - o);
                            dc[j] = dct * fg;
                            for (int q = 0; q < 4; q++) dah[q * hidden + j] = dax[q * hidden + j];
                            break;
                        }
                        case RecurrentKind.Gru:
                        {
                            double r = act[t][j], z = act[t][hidden + j], nn = act[t][2 * hidden + j];
                            double dn = dh[j] * (1 - z), dz = dh[j] * (h[t][j] - nn);
                            double dan = dn * (1 - nn * nn);
                            double dar = dan * ah[t][2 * hidden + j] * r * (1 - r);
                            dax[j] = dah[j] = dar;
                            dax[hidden + j] = dah[hidden + j] = dz * z * (1 - z);
                            dax[2 * hidden + j] = dan;
                            dah[2 * hidden + j] = dan * r;
                            direct[j] = dh[j] * z;
                            break;
                        }
                        default:
                            dax[j] = dah[j] = dh[j] * NodeBuffers.Derivative(activation, h[t + 1][j]);
                            break;
                    }
                }
                for (int q = 0; q < gh; q++)
                {
                    for (int k = 0; k < f; k++)
                    {
                        dp[wih + k * gh + q] += dax[q] * x[(n * steps + t) * f + k];
                        dx[(n * steps + t) * f + k] += dax[q] * p[wih + k * gh + q];
                    }
                    for (int k = 0; k < hidden; k++) dp[whh + k * gh + q] += dah[q] * h[t][k];
                    dp[bih + q] += dax[q];
                    dp[bhh + q] += dah[q];
                }
                for (int k = 0; k < hidden; k++)
                {
                    double sum = direct[k];
                    for (int q = 0; q < gh; q++) sum += dah[q] * p[whh + k * gh + q];
                    dh[k] = sum;
                }
            }
        }
        return (y, dp, dx);
    }
}
