using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// 2-D max pooling as PyTorch's MaxPool2d (floor mode, dilation 1) over <c>[rows, Channels, InHeight, InWidth]</c>:
/// padding counts as −∞, a tie keeps the first position of the window in row-major order, and a NaN
/// wins (the last NaN in the window, as PyTorch's <c>val &gt; max || isnan(val)</c> rule). Training
/// saves, per output, the index of the chosen input within its channel plane (<c>ih·InWidth + iw</c>,
/// exact as a float below 2²⁴) so the backward pass routes each gradient to it.
/// </summary>
/// <remarks>
/// Training scans one output at a time on every width: it also records where the maximum was, and the
/// small CNNs' pooled rows (4 or 2 outputs in the digits CNN, 12 or 4 in LeNet) are shorter than one
/// 512-bit register. Inference without padding (the common case) runs on registers: the rule
/// <c>max = val &gt; max || isnan(val) ? val : max</c> is associative (its result is the last NaN of the
/// window if there is one, else its first maximum), so the window can be scanned as any grouping that keeps
/// its row-major order, and a register holds the windows starting at consecutive positions of the flattened
/// planes (loads at the window's offsets); the outputs, every Stride-th window, are picked from it. The pass
/// is written once over <c>TReg</c>, whose <see cref="IFloatRegister{TSelf}.SelectGreaterOrNaN"/> is the scan's
/// step; the scalar path keeps the scan (a one-lane register would scan every start, not every Stride-th).
/// Every width computes the same values bit for bit. Buffers need no slack.
/// </remarks>
public static class MaxPoolNode
{
    private const string Node = "a max pool";

    /// <summary>Floats <see cref="ForwardTraining{TLayer, TReg}"/> saves for <paramref name="rows"/> rows: one index per output.</summary>
    public static int SavedLength<TLayer>(int rows) where TLayer : struct, IPoolLayer =>
        checked((int)((long)rows * PoolShapes.OutputSize<TLayer>()));

    /// <summary>Inference: the maximum of each window.</summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardInference<TLayer, TReg>(ReadOnlySpan<float> inputs, Span<float> outputs, int rows)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        Check<TLayer>(inputs, outputs, rows);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        if (TLayer.Padding == 0 && TReg.Count > 1 && LastWindowStart<TLayer>(rows) >= TReg.Count)
        {
            RunLanes<TLayer, TReg>(ref x, ref y, rows);
            return;
        }
        Run<TLayer, NotSaved>(ref x, ref y, ref y, rows);
    }

    /// <summary>Training: the maximum of each window, and its position saved to <paramref name="saved"/> (<see cref="SavedLength{TLayer}"/> floats).</summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardTraining<TLayer, TReg>(ReadOnlySpan<float> inputs, Span<float> outputs, Span<float> saved, int rows)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        Check<TLayer>(inputs, outputs, rows);
        BufferLayout.Require(saved.Length, (long)rows * PoolShapes.OutputSize<TLayer>(), nameof(saved), Node, slack: false);
        Run<TLayer, Saved>(ref MemoryMarshal.GetReference(inputs), ref MemoryMarshal.GetReference(outputs), ref MemoryMarshal.GetReference(saved), rows);
    }

    /// <summary>
    /// Backward: each output's gradient goes to the input its window chose (windows that overlap may
    /// choose the same input; their gradients add). Stored into or added to <paramref name="inputGradient"/>
    /// as <paramref name="mode"/> says; nothing happens for <see cref="GradientMode.None"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it), or <paramref name="saved"/> holds an index outside the channel plane.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> saved, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, GradientMode mode, int rows)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        PoolShapes.Check<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = PoolShapes.InputSize<TLayer>(), outSize = PoolShapes.OutputSize<TLayer>();
        BufferLayout.Require(saved.Length, (long)rows * outSize, nameof(saved), Node, slack: false);
        BufferLayout.Require(outputGradient.Length, (long)rows * outSize, nameof(outputGradient), Node, slack: false);
        PoolShapes.Require(mode, inputGradient.Length, (long)rows * inSize, nameof(inputGradient), Node);
        if (mode == GradientMode.None) return;
        if (mode == GradientMode.Store) inputGradient.Slice(0, rows * inSize).Clear();

        int plane = TLayer.InHeight * TLayer.InWidth, outputs = TLayer.OutHeight * TLayer.OutWidth;
        ref float index = ref MemoryMarshal.GetReference(saved);
        ref float dy = ref MemoryMarshal.GetReference(outputGradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        for (int block = 0; block < rows * TLayer.Channels; block++)
        {
            ref float target = ref Unsafe.Add(ref dx, block * plane);
            int offset = block * outputs;
            for (int o = 0; o < outputs; o++)
            {
                float position = Unsafe.Add(ref index, offset + o);
                int at = (int)position;
                if (!((uint)at < (uint)plane && at == position))
                    throw new ArgumentException($"saved[{offset + o}] is {position}, not a position in a {TLayer.InHeight}×{TLayer.InWidth} channel.", nameof(saved));
                Unsafe.Add(ref target, at) += Unsafe.Add(ref dy, offset + o);
            }
        }
    }

    private static void Check<TLayer>(ReadOnlySpan<float> inputs, Span<float> outputs, int rows) where TLayer : struct, IPoolLayer
    {
        PoolShapes.Check<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        BufferLayout.Require(inputs.Length, (long)rows * PoolShapes.InputSize<TLayer>(), nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * PoolShapes.OutputSize<TLayer>(), nameof(outputs), Node, slack: false);
    }

    private interface ISaving
    {
        static abstract bool Value { get; }
    }

    private readonly struct Saved : ISaving
    {
        public static bool Value => true;
    }

    private readonly struct NotSaved : ISaving
    {
        public static bool Value => false;
    }

    private static void Run<TLayer, TSaving>(ref float x, ref float y, ref float saved, int rows)
        where TLayer : struct, IPoolLayer
        where TSaving : struct, ISaving
    {
        if (TLayer.Padding == 0)
        {
            RunInside<TLayer, TSaving>(ref x, ref y, ref saved, rows);
            return;
        }
        int height = TLayer.InHeight, width = TLayer.InWidth, plane = height * width;
        int outputs = TLayer.OutHeight * TLayer.OutWidth;
        for (int block = 0; block < rows * TLayer.Channels; block++)
        {
            ref float source = ref Unsafe.Add(ref x, block * plane);
            int o = block * outputs;
            for (int oh = 0; oh < TLayer.OutHeight; oh++)
            {
                (int top, int bottom) = PoolShapes.Window<TLayer>(oh, height);
                for (int ow = 0; ow < TLayer.OutWidth; ow++, o++)
                {
                    (int left, int right) = PoolShapes.Window<TLayer>(ow, width);
                    // PyTorch's scan: start from −∞ at the window's first position inside the image.
                    float max = float.NegativeInfinity;
                    int at = top * width + left;
                    for (int ih = top; ih < bottom; ih++)
                    {
                        ref float line = ref Unsafe.Add(ref source, ih * width);
                        for (int iw = left; iw < right; iw++)
                        {
                            float value = Unsafe.Add(ref line, iw);
                            if (value > max || float.IsNaN(value))
                            {
                                max = value;
                                at = ih * width + iw;
                            }
                        }
                    }
                    Unsafe.Add(ref y, o) = max;
                    if (TSaving.Value) Unsafe.Add(ref saved, o) = at;
                }
            }
        }
    }

    // Without padding every window lies inside the image (floor mode), so the window is the constant
    // Kernel × Kernel from (oh·Stride, ow·Stride): no clipping, and loops the JIT unrolls. Same scan, same results.
    private static void RunInside<TLayer, TSaving>(ref float x, ref float y, ref float saved, int rows)
        where TLayer : struct, IPoolLayer
        where TSaving : struct, ISaving
    {
        int width = TLayer.InWidth, plane = TLayer.InHeight * width, s = TLayer.Stride, k = TLayer.Kernel;
        ref float output = ref y;
        ref float index = ref saved;
        for (int block = 0; block < rows * TLayer.Channels; block++)
        {
            ref float source = ref Unsafe.Add(ref x, block * plane);
            for (int oh = 0; oh < TLayer.OutHeight; oh++)
            {
                ref float top = ref Unsafe.Add(ref source, oh * s * width);
                for (int ow = 0; ow < TLayer.OutWidth; ow++)
                {
                    ref float corner = ref Unsafe.Add(ref top, ow * s);
                    float max = float.NegativeInfinity;
                    int at = 0;
                    for (int i = 0; i < k; i++)
                    {
                        for (int j = 0; j < k; j++)
                        {
                            float value = Unsafe.Add(ref corner, i * width + j);
                            if (value > max || float.IsNaN(value))
                            {
                                max = value;
                                at = i * width + j;
                            }
                        }
                    }
                    output = max;
                    output = ref Unsafe.Add(ref output, 1);
                    if (TSaving.Value)
                    {
                        index = (oh * s) * width + ow * s + at;
                        index = ref Unsafe.Add(ref index, 1);
                    }
                }
            }
        }
    }

    // The flattened position (over all rows and channels) of the last output's window: every window start up to it can be
    // scanned with all its reads inside the inputs, so a register of window starts ending there reads nothing past them.
    private static int LastWindowStart<TLayer>(int rows) where TLayer : struct, IPoolLayer =>
        (rows * TLayer.Channels - 1) * TLayer.InHeight * TLayer.InWidth + (TLayer.OutHeight - 1) * TLayer.Stride * TLayer.InWidth + (TLayer.OutWidth - 1) * TLayer.Stride;

    // Inference without padding on registers, written once for every width. For each output row, registers of window
    // starts cover its OutWidth windows (every Stride-th start from the row's first); a register that would pass the last
    // window start is moved back to end there (its windows are computed again, with the same values). Lane q holds the scan
    // of the window whose top-left input is q, row-major; the outputs are read back from the register's lanes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunLanes<TLayer, TReg>(ref float x, ref float y, int rows)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int width = TLayer.InWidth, plane = TLayer.InHeight * width, s = TLayer.Stride, k = TLayer.Kernel;
        int count = TReg.Count, span = (TLayer.OutWidth - 1) * s + 1, lastStart = LastWindowStart<TLayer>(rows) - count + 1;
        Span<float> lanes = stackalloc float[TReg.Count];
        ref float scanned = ref MemoryMarshal.GetReference(lanes);
        ref float output = ref y;
        for (int block = 0; block < rows * TLayer.Channels; block++)
        {
            for (int oh = 0; oh < TLayer.OutHeight; oh++)
            {
                int rowStart = block * plane + oh * s * width, ow = 0;
                for (int chunk = rowStart; chunk < rowStart + span; chunk += count)
                {
                    int start = Math.Min(chunk, lastStart);
                    ref float corner = ref Unsafe.Add(ref x, start);
                    // The window's first input seeds the scan: from −∞ it would replace it (or equal it, when it is −∞ itself).
                    TReg max = TReg.Load(ref corner, 0);
                    for (int i = 0; i < k; i++)
                    {
                        for (int j = i == 0 ? 1 : 0; j < k; j++) max = TReg.SelectGreaterOrNaN(max, TReg.Load(ref corner, (nuint)(i * width + j)));
                    }
                    TReg.Store(max, ref scanned, 0);
                    int end = Math.Min(chunk + count, rowStart + span);
                    for (; ow < TLayer.OutWidth && rowStart + ow * s < end; ow++)
                    {
                        output = Unsafe.Add(ref scanned, rowStart + ow * s - start);
                        output = ref Unsafe.Add(ref output, 1);
                    }
                }
            }
        }
    }
}
