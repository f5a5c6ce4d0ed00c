using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// Batch normalization followed by the fused activation, as PyTorch's BatchNorm1d/BatchNorm2d:
/// <c>y = act(γ·(x − μ)/sqrt(σ² + ε) + β)</c> per channel, over inputs laid out
/// <c>[rows, Channels, Spatial]</c> (channel-major per sample, as NCHW; <c>[rows, Channels]</c> for
/// vectors). Parameters are <c>weight[C]</c> then <c>bias[C]</c>; buffers <c>running_mean[C]</c>
/// then <c>running_var[C]</c>.
/// </summary>
/// <remarks>
/// <para>
/// Vectors (<c>Spatial == 1</c>) are processed one register of channels at a time, each lane
/// reducing its own channel over the rows in row order with the scalar path's operations, so every
/// width gives the scalar path's values bit for bit (the exp-based activations aside, whose vector
/// forms differ in the last bits). Images are processed one channel at a time, vectorized over the contiguous
/// <c>Spatial</c> positions of each sample; each sample's partial sum is added in a fixed order and
/// the per-channel totals are kept in double, so widths agree within float rounding and nothing
/// depends on alignment. No kernel reads or writes past the elements it is given: the buffers need
/// no slack.
/// </para>
/// <para>
/// Training saves x̂ <c>[rows, Channels, Spatial]</c> then <c>1/sqrt(σ²_batch + ε)</c> per channel
/// for the backward pass (<see cref="SavedLength{TLayer}"/> floats).
/// </para>
/// </remarks>
public static class BatchNormNode
{
    private const string Node = "a batch-norm layer";

    /// <summary>Floats of <typeparamref name="TLayer"/>'s parameters: weight then bias.</summary>
    public static int ParameterCount<TLayer>() where TLayer : struct, IBatchNormLayer => 2 * TLayer.Channels;

    /// <summary>Floats of <typeparamref name="TLayer"/>'s buffers: running mean then running variance.</summary>
    public static int BufferCount<TLayer>() where TLayer : struct, IBatchNormLayer => 2 * TLayer.Channels;

    /// <summary>Floats that <see cref="ForwardTraining{TLayer, TReg}"/> saves for the backward pass of <paramref name="rows"/> rows: x̂, then the inverse standard deviation per channel.</summary>
    public static int SavedLength<TLayer>(int rows) where TLayer : struct, IBatchNormLayer =>
        checked((int)((long)rows * TLayer.Channels * TLayer.Spatial + TLayer.Channels));

    /// <summary>
    /// Inference: <c>y = act(γ·(x − running_mean)/sqrt(running_var + ε) + β)</c>, computed as one
    /// scale and shift per channel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardInference<TLayer, TReg>(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, ReadOnlySpan<float> buffers, Span<float> outputs, int rows)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int channels = TLayer.Channels;
        long elements = (long)rows * channels * TLayer.Spatial;
        BufferLayout.Require(inputs.Length, elements, nameof(inputs), Node, slack: false);
        BufferLayout.Require(parameters.Length, 2L * channels, nameof(parameters), Node, slack: false);
        BufferLayout.Require(buffers.Length, 2L * channels, nameof(buffers), Node, slack: false);
        BufferLayout.Require(outputs.Length, elements, nameof(outputs), Node, slack: false);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float b = ref MemoryMarshal.GetReference(buffers);
        ref float y = ref MemoryMarshal.GetReference(outputs);

        if (TLayer.Spatial == 1)
        {
            int c = 0;
            for (; c + TReg.Count <= channels; c += TReg.Count) InferChannels<TLayer, TReg>(ref x, ref p, ref b, ref y, c, rows);
            for (; c < channels; c++) InferChannels<TLayer, FloatScalar>(ref x, ref p, ref b, ref y, c, rows);
            return;
        }

        for (int c = 0; c < channels; c++)
        {
            float scale = Unsafe.Add(ref p, c) / MathF.Sqrt(Unsafe.Add(ref b, channels + c) + TLayer.Epsilon);
            float shift = Unsafe.Add(ref p, channels + c) - Unsafe.Add(ref b, c) * scale;
            for (int r = 0; r < rows; r++)
                ScaleShiftSegment<TLayer, TReg>(ref x, ref y, (nuint)((r * channels + c) * TLayer.Spatial), scale, shift);
        }
    }

    /// <summary>
    /// Training: normalizes with the batch statistics of each channel over <c>rows·Spatial</c> values
    /// (biased variance), applies γ, β and the activation, updates the running statistics as PyTorch
    /// does (<c>running = (1 − momentum)·running + momentum·batch</c>, with the unbiased variance),
    /// increments <paramref name="batchesTracked"/>, and writes x̂ and the inverse standard deviations
    /// to <paramref name="saved"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short, or there is only one value per channel.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardTraining<TLayer, TReg>(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> buffers, ref long batchesTracked,
        Span<float> outputs, Span<float> saved, int rows)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int channels = TLayer.Channels;
        long count = (long)rows * TLayer.Spatial;
        if (count <= 1)
        {
            throw new ArgumentException(
                $"Expected more than 1 value per channel when training, got {rows} row(s) of {TLayer.Spatial} position(s) per channel.", nameof(rows));
        }

        long elements = count * channels;
        BufferLayout.Require(inputs.Length, elements, nameof(inputs), Node, slack: false);
        BufferLayout.Require(parameters.Length, 2L * channels, nameof(parameters), Node, slack: false);
        BufferLayout.Require(buffers.Length, 2L * channels, nameof(buffers), Node, slack: false);
        BufferLayout.Require(outputs.Length, elements, nameof(outputs), Node, slack: false);
        BufferLayout.Require(saved.Length, elements + channels, nameof(saved), Node, slack: false);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float b = ref MemoryMarshal.GetReference(buffers);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float xHat = ref MemoryMarshal.GetReference(saved);
        ref float inverseStd = ref Unsafe.Add(ref xHat, (nint)elements);

        if (TLayer.Spatial == 1)
        {
            int c = 0;
            for (; c + TReg.Count <= channels; c += TReg.Count)
                TrainChannels<TLayer, TReg>(ref x, ref p, ref b, ref y, ref xHat, ref inverseStd, c, rows);
            for (; c < channels; c++)
                TrainChannels<TLayer, FloatScalar>(ref x, ref p, ref b, ref y, ref xHat, ref inverseStd, c, rows);
        }
        else
        {
            double n = count, momentum = TLayer.Momentum;
            for (int c = 0; c < channels; c++)
            {
                // Two passes (mean, then squared deviations), each sample's segment summed in registers
                // and the segments added in row order in double.
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += SegmentSum<TLayer, TReg>(ref x, Segment<TLayer>(r, c));
                double meanD = sum / n;
                float mean = (float)meanD;
                double squares = 0;
                for (int r = 0; r < rows; r++) squares += SegmentSquaredDeviation<TLayer, TReg>(ref x, Segment<TLayer>(r, c), mean);
                float invStd = (float)(1.0 / Math.Sqrt(squares / n + TLayer.Epsilon));
                Unsafe.Add(ref inverseStd, c) = invStd;

                float gamma = Unsafe.Add(ref p, c), beta = Unsafe.Add(ref p, channels + c);
                for (int r = 0; r < rows; r++)
                    NormalizeSegment<TLayer, TReg>(ref x, ref xHat, ref y, Segment<TLayer>(r, c), mean, invStd, gamma, beta);

                ref float runningMean = ref Unsafe.Add(ref b, c);
                ref float runningVar = ref Unsafe.Add(ref b, channels + c);
                runningMean = (float)((1 - momentum) * runningMean + momentum * meanD);
                runningVar = (float)((1 - momentum) * runningVar + momentum * (squares / (n - 1)));
            }
        }

        batchesTracked++;
    }

    /// <summary>
    /// Backward through the layer with the training-mode statistics saved by
    /// <see cref="ForwardTraining{TLayer, TReg}"/>. <paramref name="outputGradient"/> holds dL/dy and is
    /// turned into dL/dz in place (through the activation's derivative, read from
    /// <paramref name="outputs"/>); then dγ and dβ overwrite <paramref name="parameterGradients"/>,
    /// and <c>dx = γ/σ·(dz − mean(dz) − x̂·mean(dz·x̂))</c> is stored into or added to
    /// <paramref name="inputGradient"/> as <paramref name="mode"/> says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(
        ReadOnlySpan<float> outputs, Span<float> outputGradient, ReadOnlySpan<float> parameters, Span<float> parameterGradients,
        ReadOnlySpan<float> saved, Span<float> inputGradient, GradientMode mode, int rows)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int channels = TLayer.Channels;
        long count = (long)rows * TLayer.Spatial;
        long elements = count * channels;
        BufferLayout.Require(outputs.Length, elements, nameof(outputs), Node, slack: false);
        BufferLayout.Require(outputGradient.Length, elements, nameof(outputGradient), Node, slack: false);
        BufferLayout.Require(parameters.Length, 2L * channels, nameof(parameters), Node, slack: false);
        BufferLayout.Require(parameterGradients.Length, 2L * channels, nameof(parameterGradients), Node, slack: false);
        BufferLayout.Require(saved.Length, elements + channels, nameof(saved), Node, slack: false);
        if (mode != GradientMode.None)
            BufferLayout.Require(inputGradient.Length, elements, nameof(inputGradient), Node, slack: false);

        Elementwise.ActivationBackward<TLayer, TReg>(outputs, outputGradient.Slice(0, (int)elements));
        ref float dz = ref MemoryMarshal.GetReference(outputGradient);
        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float dp = ref MemoryMarshal.GetReference(parameterGradients);
        ref float xHat = ref MemoryMarshal.GetReference(saved);
        ref float inverseStd = ref Unsafe.Add(ref xHat, (nint)elements);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);

        if (TLayer.Spatial == 1)
        {
            int c = 0;
            for (; c + TReg.Count <= channels; c += TReg.Count)
                BackwardChannels<TLayer, TReg>(ref dz, ref p, ref dp, ref xHat, ref inverseStd, ref dx, mode, c, rows);
            for (; c < channels; c++)
                BackwardChannels<TLayer, FloatScalar>(ref dz, ref p, ref dp, ref xHat, ref inverseStd, ref dx, mode, c, rows);
            return;
        }

        double n = count;
        for (int c = 0; c < channels; c++)
        {
            double dBeta = 0, dGamma = 0;
            for (int r = 0; r < rows; r++)
            {
                nuint o = Segment<TLayer>(r, c);
                dBeta += SegmentSum<TLayer, TReg>(ref dz, o);
                dGamma += SegmentDot<TLayer, TReg>(ref dz, ref xHat, o);
            }
            Unsafe.Add(ref dp, c) = (float)dGamma;
            Unsafe.Add(ref dp, channels + c) = (float)dBeta;
            if (mode == GradientMode.None) continue;

            float k = Unsafe.Add(ref p, c) * Unsafe.Add(ref inverseStd, c);
            float meanDz = (float)(dBeta / n), meanDzXHat = (float)(dGamma / n);
            for (int r = 0; r < rows; r++)
                InputGradientSegment<TLayer, TReg>(ref dz, ref xHat, ref dx, Segment<TLayer>(r, c), k, meanDz, meanDzXHat, mode == GradientMode.Add);
        }
    }

    // ---- Vectors (Spatial == 1): one register of channels, each lane reducing its channel over the rows in order. ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InferChannels<TLayer, TR>(ref float x, ref float p, ref float b, ref float y, int c, int rows)
        where TLayer : struct, IBatchNormLayer
        where TR : struct, IFloatRegister<TR>
    {
        int channels = TLayer.Channels;
        TR scale = TR.Load(ref p, (nuint)c) / TR.Sqrt(TR.Load(ref b, (nuint)(channels + c)) + TR.Broadcast(TLayer.Epsilon));
        TR shift = TR.Load(ref p, (nuint)(channels + c)) - TR.Load(ref b, (nuint)c) * scale;
        for (int r = 0; r < rows; r++)
        {
            nuint o = (nuint)(r * channels + c);
            TR.Store(TR.Activate(TLayer.Activation, TR.MultiplyAdd(TR.Load(ref x, o), scale, shift)), ref y, o);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TrainChannels<TLayer, TR>(
        ref float x, ref float p, ref float b, ref float y, ref float xHat, ref float inverseStd, int c, int rows)
        where TLayer : struct, IBatchNormLayer
        where TR : struct, IFloatRegister<TR>
    {
        int channels = TLayer.Channels;
        TR n = TR.Broadcast(rows);
        TR sum = TR.Zero;
        for (int r = 0; r < rows; r++) sum += TR.Load(ref x, (nuint)(r * channels + c));
        TR mean = sum / n;
        TR squares = TR.Zero;
        for (int r = 0; r < rows; r++)
        {
            TR d = TR.Load(ref x, (nuint)(r * channels + c)) - mean;
            squares = TR.MultiplyAdd(d, d, squares);
        }
        TR invStd = TR.Broadcast(1f) / TR.Sqrt(squares / n + TR.Broadcast(TLayer.Epsilon));
        TR.Store(invStd, ref inverseStd, (nuint)c);

        TR gamma = TR.Load(ref p, (nuint)c), beta = TR.Load(ref p, (nuint)(channels + c));
        for (int r = 0; r < rows; r++)
        {
            nuint o = (nuint)(r * channels + c);
            TR normalized = (TR.Load(ref x, o) - mean) * invStd;
            TR.Store(normalized, ref xHat, o);
            TR.Store(TR.Activate(TLayer.Activation, TR.MultiplyAdd(normalized, gamma, beta)), ref y, o);
        }

        TR momentum = TR.Broadcast(TLayer.Momentum), keep = TR.Broadcast(1f - TLayer.Momentum);
        TR.Store(TR.MultiplyAdd(mean, momentum, TR.Load(ref b, (nuint)c) * keep), ref b, (nuint)c);
        TR unbiased = squares / TR.Broadcast(rows - 1);
        TR.Store(TR.MultiplyAdd(unbiased, momentum, TR.Load(ref b, (nuint)(channels + c)) * keep), ref b, (nuint)(channels + c));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardChannels<TLayer, TR>(
        ref float dz, ref float p, ref float dp, ref float xHat, ref float inverseStd, ref float dx, GradientMode mode, int c, int rows)
        where TLayer : struct, IBatchNormLayer
        where TR : struct, IFloatRegister<TR>
    {
        int channels = TLayer.Channels;
        TR dBeta = TR.Zero, dGamma = TR.Zero;
        for (int r = 0; r < rows; r++)
        {
            nuint o = (nuint)(r * channels + c);
            TR g = TR.Load(ref dz, o);
            dBeta += g;
            dGamma = TR.MultiplyAdd(g, TR.Load(ref xHat, o), dGamma);
        }
        TR.Store(dGamma, ref dp, (nuint)c);
        TR.Store(dBeta, ref dp, (nuint)(channels + c));
        if (mode == GradientMode.None) return;

        TR n = TR.Broadcast(rows);
        TR meanDz = dBeta / n, meanDzXHat = dGamma / n;
        TR k = TR.Load(ref p, (nuint)c) * TR.Load(ref inverseStd, (nuint)c);
        for (int r = 0; r < rows; r++)
        {
            nuint o = (nuint)(r * channels + c);
            TR gradient = k * (TR.Load(ref dz, o) - TR.MultiplyAdd(TR.Load(ref xHat, o), meanDzXHat, meanDz));
            if (mode == GradientMode.Add) gradient += TR.Load(ref dx, o);
            TR.Store(gradient, ref dx, o);
        }
    }

    // ---- Images (Spatial > 1): one channel at a time, vectorized over the Spatial positions of each sample. ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Segment<TLayer>(int r, int c) where TLayer : struct, IBatchNormLayer =>
        (nuint)((r * TLayer.Channels + c) * TLayer.Spatial);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleShiftSegment<TLayer, TReg>(ref float x, ref float y, nuint start, float scale, float shift)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg vScale = TReg.Broadcast(scale), vShift = TReg.Broadcast(shift);
        int s = 0;
        for (; s + TReg.Count <= TLayer.Spatial; s += TReg.Count)
        {
            nuint o = start + (nuint)s;
            TReg.Store(TReg.Activate(TLayer.Activation, TReg.MultiplyAdd(TReg.Load(ref x, o), vScale, vShift)), ref y, o);
        }
        for (; s < TLayer.Spatial; s++)
        {
            nuint o = start + (nuint)s;
            FloatScalar.Store(FloatScalar.Activate(TLayer.Activation, FloatScalar.MultiplyAdd(
                FloatScalar.Load(ref x, o), FloatScalar.Broadcast(scale), FloatScalar.Broadcast(shift))), ref y, o);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SegmentSum<TLayer, TReg>(ref float v, nuint start)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg acc = TReg.Zero;
        int s = 0;
        for (; s + TReg.Count <= TLayer.Spatial; s += TReg.Count) acc += TReg.Load(ref v, start + (nuint)s);
        float sum = TReg.Sum(acc);
        for (; s < TLayer.Spatial; s++) sum += Unsafe.Add(ref v, start + (nuint)s);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SegmentSquaredDeviation<TLayer, TReg>(ref float v, nuint start, float mean)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg acc = TReg.Zero, vMean = TReg.Broadcast(mean);
        int s = 0;
        for (; s + TReg.Count <= TLayer.Spatial; s += TReg.Count)
        {
            TReg d = TReg.Load(ref v, start + (nuint)s) - vMean;
            acc = TReg.MultiplyAdd(d, d, acc);
        }
        float sum = TReg.Sum(acc);
        for (; s < TLayer.Spatial; s++)
        {
            float d = Unsafe.Add(ref v, start + (nuint)s) - mean;
            sum += d * d;
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SegmentDot<TLayer, TReg>(ref float a, ref float b, nuint start)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg acc = TReg.Zero;
        int s = 0;
        for (; s + TReg.Count <= TLayer.Spatial; s += TReg.Count)
            acc = TReg.MultiplyAdd(TReg.Load(ref a, start + (nuint)s), TReg.Load(ref b, start + (nuint)s), acc);
        float sum = TReg.Sum(acc);
        for (; s < TLayer.Spatial; s++) sum += Unsafe.Add(ref a, start + (nuint)s) * Unsafe.Add(ref b, start + (nuint)s);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NormalizeSegment<TLayer, TReg>(
        ref float x, ref float xHat, ref float y, nuint start, float mean, float invStd, float gamma, float beta)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg vMean = TReg.Broadcast(mean), vInvStd = TReg.Broadcast(invStd), vGamma = TReg.Broadcast(gamma), vBeta = TReg.Broadcast(beta);
        int s = 0;
        for (; s + TReg.Count <= TLayer.Spatial; s += TReg.Count)
        {
            nuint o = start + (nuint)s;
            TReg normalized = (TReg.Load(ref x, o) - vMean) * vInvStd;
            TReg.Store(normalized, ref xHat, o);
            TReg.Store(TReg.Activate(TLayer.Activation, TReg.MultiplyAdd(normalized, vGamma, vBeta)), ref y, o);
        }
        for (; s < TLayer.Spatial; s++)
        {
            nuint o = start + (nuint)s;
            FloatScalar normalized = (FloatScalar.Load(ref x, o) - FloatScalar.Broadcast(mean)) * FloatScalar.Broadcast(invStd);
            FloatScalar.Store(normalized, ref xHat, o);
            FloatScalar.Store(FloatScalar.Activate(TLayer.Activation,
                FloatScalar.MultiplyAdd(normalized, FloatScalar.Broadcast(gamma), FloatScalar.Broadcast(beta))), ref y, o);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputGradientSegment<TLayer, TReg>(
        ref float dz, ref float xHat, ref float dx, nuint start, float k, float meanDz, float meanDzXHat, bool add)
        where TLayer : struct, IBatchNormLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        TReg vK = TReg.Broadcast(k), vMeanDz = TReg.Broadcast(meanDz), vMeanDzXHat = TReg.Broadcast(meanDzXHat);
        int s = 0;
        for (; s + TReg.Count <= TLayer.Spatial; s += TReg.Count)
        {
            nuint o = start + (nuint)s;
            TReg gradient = vK * (TReg.Load(ref dz, o) - TReg.MultiplyAdd(TReg.Load(ref xHat, o), vMeanDzXHat, vMeanDz));
            if (add) gradient += TReg.Load(ref dx, o);
            TReg.Store(gradient, ref dx, o);
        }
        for (; s < TLayer.Spatial; s++)
        {
            nuint o = start + (nuint)s;
            FloatScalar gradient = FloatScalar.Broadcast(k) * (FloatScalar.Load(ref dz, o)
                - FloatScalar.MultiplyAdd(FloatScalar.Load(ref xHat, o), FloatScalar.Broadcast(meanDzXHat), FloatScalar.Broadcast(meanDz)));
            if (add) gradient += FloatScalar.Load(ref dx, o);
            FloatScalar.Store(gradient, ref dx, o);
        }
    }
}
