using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// 2-D average pooling as PyTorch's AvgPool2d with its defaults (floor mode, <c>count_include_pad = true</c>)
/// over <c>[rows, Channels, InHeight, InWidth]</c>: each output is the sum of its window's inputs
/// inside the image divided by <c>Kernel²</c> (padding counts as zeros in the divisor; in floor mode
/// no window reaches past the padding, so the divisor is always <c>Kernel²</c>).
/// </summary>
/// <remarks>
/// Both passes walk window rows and kernel columns and, for each, add a run of the output row (the
/// outputs whose window column lies inside the image) at once: at stride 1 the run is contiguous in
/// the input and goes through registers of the caller's width, at larger strides it is gathered one
/// float at a time. Every output sums its window in the same order (row by row, left to right) on every
/// width, so the widths agree bit for bit. Buffers need no slack.
/// </remarks>
public static class AvgPoolNode
{
    private const string Node = "an average pool";

    /// <summary>The mean of each window, as PyTorch's AvgPool2d computes it.</summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> inputs, Span<float> outputs, int rows)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        PoolShapes.Check<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = PoolShapes.InputSize<TLayer>(), outSize = PoolShapes.OutputSize<TLayer>();
        BufferLayout.Require(inputs.Length, (long)rows * inSize, nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * outSize, nameof(outputs), Node, slack: false);
        outputs.Slice(0, rows * outSize).Clear();

        int height = TLayer.InHeight, width = TLayer.InWidth, outWidth = TLayer.OutWidth;
        int s = TLayer.Stride, pad = TLayer.Padding;
        float divisor = TLayer.Kernel * TLayer.Kernel;
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        for (int block = 0; block < rows * TLayer.Channels; block++)
        {
            ref float plane = ref Unsafe.Add(ref x, block * height * width);
            for (int oh = 0; oh < TLayer.OutHeight; oh++)
            {
                ref float line = ref Unsafe.Add(ref y, (block * TLayer.OutHeight + oh) * outWidth);
                (int top, int bottom) = PoolShapes.Window<TLayer>(oh, height);
                for (int ih = top; ih < bottom; ih++)
                {
                    ref float source = ref Unsafe.Add(ref plane, ih * width);
                    for (int j = 0; j < TLayer.Kernel; j++)
                    {
                        (int first, int end) = PoolShapes.InsideColumns<TLayer>(j);
                        ref float run = ref Unsafe.Add(ref source, first * s - pad + j);
                        if (s == 1) AddRun<TReg>(ref Unsafe.Add(ref line, first), ref run, end - first);
                        else
                        {
                            for (int ow = first; ow < end; ow++) Unsafe.Add(ref line, ow) += Unsafe.Add(ref run, (ow - first) * s);
                        }
                    }
                }
                Divide<TReg>(ref line, outWidth, divisor);
            }
        }
    }

    /// <summary>
    /// Backward: each output's gradient divided by <c>Kernel²</c> goes to every input of its window
    /// inside the image, stored into or added to <paramref name="inputGradient"/> as <paramref name="mode"/>
    /// says; nothing happens for <see cref="GradientMode.None"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, GradientMode mode, int rows)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        PoolShapes.Check<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = PoolShapes.InputSize<TLayer>(), outSize = PoolShapes.OutputSize<TLayer>();
        BufferLayout.Require(outputGradient.Length, (long)rows * outSize, nameof(outputGradient), Node, slack: false);
        PoolShapes.Require(mode, inputGradient.Length, (long)rows * inSize, nameof(inputGradient), Node);
        if (mode == GradientMode.None) return;
        if (mode == GradientMode.Store) inputGradient.Slice(0, rows * inSize).Clear();

        int height = TLayer.InHeight, width = TLayer.InWidth, outWidth = TLayer.OutWidth;
        int s = TLayer.Stride, pad = TLayer.Padding;
        float divisor = TLayer.Kernel * TLayer.Kernel;
        ref float dy = ref MemoryMarshal.GetReference(outputGradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        for (int block = 0; block < rows * TLayer.Channels; block++)
        {
            ref float plane = ref Unsafe.Add(ref dx, block * height * width);
            for (int oh = 0; oh < TLayer.OutHeight; oh++)
            {
                ref float line = ref Unsafe.Add(ref dy, (block * TLayer.OutHeight + oh) * outWidth);
                (int top, int bottom) = PoolShapes.Window<TLayer>(oh, height);
                for (int ih = top; ih < bottom; ih++)
                {
                    ref float target = ref Unsafe.Add(ref plane, ih * width);
                    for (int j = 0; j < TLayer.Kernel; j++)
                    {
                        (int first, int end) = PoolShapes.InsideColumns<TLayer>(j);
                        ref float run = ref Unsafe.Add(ref target, first * s - pad + j);
                        if (s == 1) AddDividedRun<TReg>(ref run, ref Unsafe.Add(ref line, first), end - first, divisor);
                        else
                        {
                            for (int ow = first; ow < end; ow++) Unsafe.Add(ref run, (ow - first) * s) += Unsafe.Add(ref line, ow) / divisor;
                        }
                    }
                }
            }
        }
    }

    // target[k] += source[k] for k < length.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRun<TReg>(ref float target, ref float source, int length) where TReg : struct, IFloatRegister<TReg>
    {
        int k = 0;
        for (; k + TReg.Count <= length; k += TReg.Count)
            TReg.Store(TReg.Load(ref target, (nuint)k) + TReg.Load(ref source, (nuint)k), ref target, (nuint)k);
        for (; k < length; k++) Unsafe.Add(ref target, k) += Unsafe.Add(ref source, k);
    }

    // target[k] += source[k] / divisor for k < length (a correctly rounded division on every width).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDividedRun<TReg>(ref float target, ref float source, int length, float divisor) where TReg : struct, IFloatRegister<TReg>
    {
        TReg d = TReg.Broadcast(divisor);
        int k = 0;
        for (; k + TReg.Count <= length; k += TReg.Count)
            TReg.Store(TReg.Load(ref target, (nuint)k) + TReg.Load(ref source, (nuint)k) / d, ref target, (nuint)k);
        for (; k < length; k++) Unsafe.Add(ref target, k) += Unsafe.Add(ref source, k) / divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Divide<TReg>(ref float values, int length, float divisor) where TReg : struct, IFloatRegister<TReg>
    {
        TReg d = TReg.Broadcast(divisor);
        int k = 0;
        for (; k + TReg.Count <= length; k += TReg.Count) TReg.Store(TReg.Load(ref values, (nuint)k) / d, ref values, (nuint)k);
        for (; k < length; k++) Unsafe.Add(ref values, k) /= divisor;
    }
}
