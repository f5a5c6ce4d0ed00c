using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

/// <summary>Calls <see cref="BatchNormNode"/> for a shape chosen at run time, on a width chosen at run time.</summary>
public interface IBatchNormHarness
{
    int Channels { get; }
    int Spatial { get; }
    double Epsilon { get; }
    double Momentum { get; }
    Activation Activation { get; }

    int SavedLength(int rows);
    void Inference(SimdWidth width, float[] inputs, float[] parameters, float[] buffers, float[] outputs, int rows);
    void Training(SimdWidth width, float[] inputs, float[] parameters, float[] buffers, ref long tracked, float[] outputs, float[] saved, int rows);
    void Backward(SimdWidth width, float[] outputs, float[] outputGradient, float[] parameters, float[] parameterGradients, float[] saved, float[] inputGradient, GradientMode mode, int rows);
}

public static class BatchNormHarness
{
    public static readonly SimdWidth[] Widths = [SimdWidth.Vector512, SimdWidth.Vector256, SimdWidth.Vector128, SimdWidth.Scalar];

    public static IBatchNormHarness For(int channels, int spatial, Activation activation) =>
        Create(typeof(BatchNormShape<,,>).MakeGenericType(Constants.Size(channels), Constants.Size(spatial), Constants.Of(activation)));

    public static IBatchNormHarness Custom(int channels, int spatial) =>
        Create(typeof(BatchNormCustomShape<,>).MakeGenericType(Constants.Size(channels), Constants.Size(spatial)));

    private static IBatchNormHarness Create(Type shape) =>
        (IBatchNormHarness)Activator.CreateInstance(typeof(BatchNormHarness<>).MakeGenericType(shape))!;
}

public sealed class BatchNormHarness<TLayer> : IBatchNormHarness where TLayer : struct, IBatchNormLayer
{
    public int Channels => TLayer.Channels;
    public int Spatial => TLayer.Spatial;
    public double Epsilon => TLayer.Epsilon;
    public double Momentum => TLayer.Momentum;
    public Activation Activation => TLayer.Activation;

    public int SavedLength(int rows) => BatchNormNode.SavedLength<TLayer>(rows);

    public void Inference(SimdWidth width, float[] inputs, float[] parameters, float[] buffers, float[] outputs, int rows)
    {
        switch (width)
        {
            case SimdWidth.Vector512: BatchNormNode.ForwardInference<TLayer, Float512>(inputs, parameters, buffers, outputs, rows); break;
            case SimdWidth.Vector256: BatchNormNode.ForwardInference<TLayer, Float256>(inputs, parameters, buffers, outputs, rows); break;
            case SimdWidth.Vector128: BatchNormNode.ForwardInference<TLayer, Float128>(inputs, parameters, buffers, outputs, rows); break;
            default: BatchNormNode.ForwardInference<TLayer, FloatScalar>(inputs, parameters, buffers, outputs, rows); break;
        }
    }

    public void Training(SimdWidth width, float[] inputs, float[] parameters, float[] buffers, ref long tracked, float[] outputs, float[] saved, int rows)
    {
        switch (width)
        {
            case SimdWidth.Vector512: BatchNormNode.ForwardTraining<TLayer, Float512>(inputs, parameters, buffers, ref tracked, outputs, saved, rows); break;
            case SimdWidth.Vector256: BatchNormNode.ForwardTraining<TLayer, Float256>(inputs, parameters, buffers, ref tracked, outputs, saved, rows); break;
            case SimdWidth.Vector128: BatchNormNode.ForwardTraining<TLayer, Float128>(inputs, parameters, buffers, ref tracked, outputs, saved, rows); break;
            default: BatchNormNode.ForwardTraining<TLayer, FloatScalar>(inputs, parameters, buffers, ref tracked, outputs, saved, rows); break;
        }
    }

    public void Backward(SimdWidth width, float[] outputs, float[] outputGradient, float[] parameters, float[] parameterGradients, float[] saved, float[] inputGradient, GradientMode mode, int rows)
    {
        switch (width)
        {
            case SimdWidth.Vector512: BatchNormNode.Backward<TLayer, Float512>(outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, rows); break;
            case SimdWidth.Vector256: BatchNormNode.Backward<TLayer, Float256>(outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, rows); break;
            case SimdWidth.Vector128: BatchNormNode.Backward<TLayer, Float128>(outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, rows); break;
            default: BatchNormNode.Backward<TLayer, FloatScalar>(outputs, outputGradient, parameters, parameterGradients, saved, inputGradient, mode, rows); break;
        }
    }
}

/// <summary>PyTorch's BatchNorm1d/2d formulas, written plainly in double precision.</summary>
public static class BatchNormReference
{
    public static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Relu => Math.Max(z, 0),
        Activation.LeakyRelu => z > 0 ? z : 0.01 * z,
        Activation.Elu => z > 0 ? z : Math.Exp(z) - 1,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        _ => z,
    };

    /// <summary>Eval mode: <c>act((x − running_mean) / sqrt(running_var + eps) · weight + bias)</c>.</summary>
    public static double[] Inference(IBatchNormHarness h, float[] x, float[] p, float[] buffers, int rows)
    {
        int C = h.Channels, S = h.Spatial;
        var y = new double[rows * C * S];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < C; c++)
                for (int s = 0; s < S; s++)
                {
                    int i = (r * C + c) * S + s;
                    double z = (x[i] - (double)buffers[c]) / Math.Sqrt(buffers[C + c] + h.Epsilon) * p[c] + p[C + c];
                    y[i] = Activate(h.Activation, z);
                }
        return y;
    }

    /// <summary>Train mode: batch statistics (biased variance); returns the outputs and the updated running statistics.</summary>
    public static (double[] Outputs, double[] Buffers) Training(IBatchNormHarness h, double[] x, double[] p, float[] buffers, int rows)
    {
        int C = h.Channels, S = h.Spatial, n = rows * S;
        var y = new double[rows * C * S];
        var updated = new double[2 * C];
        for (int c = 0; c < C; c++)
        {
            double mean = 0;
            for (int r = 0; r < rows; r++) for (int s = 0; s < S; s++) mean += x[(r * C + c) * S + s];
            mean /= n;
            double squares = 0;
            for (int r = 0; r < rows; r++) for (int s = 0; s < S; s++) squares += Math.Pow(x[(r * C + c) * S + s] - mean, 2);
            double variance = squares / n;
            for (int r = 0; r < rows; r++)
                for (int s = 0; s < S; s++)
                {
                    int i = (r * C + c) * S + s;
                    y[i] = Activate(h.Activation, (x[i] - mean) / Math.Sqrt(variance + h.Epsilon) * p[c] + p[C + c]);
                }
            updated[c] = (1 - h.Momentum) * buffers[c] + h.Momentum * mean;
            updated[C + c] = (1 - h.Momentum) * buffers[C + c] + h.Momentum * squares / (n - 1);
        }
        return (y, updated);
    }
}
