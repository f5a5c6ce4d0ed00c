using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// Nearest-neighbour upsampling by an integer factor, as PyTorch's <c>nn.Upsample(scale_factor, mode="nearest")</c>:
/// <c>y[c, h, w] = x[c, h / Factor, w / Factor]</c>. Forward widens each input row once (each value
/// repeated Factor times) and copies that row Factor times register by register. Backward sums each
/// Factor × Factor block: the Factor rows of a block row are added in registers, then each run of Factor
/// columns is summed, and the result is stored into or added to the input gradient.
/// </summary>
public static class UpsampleNode
{
    private const string Node = "a nearest-neighbour upsampling";

    /// <summary>Upsamples <paramref name="rows"/> samples of <paramref name="inputs"/> into <paramref name="outputs"/>.</summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> inputs, Span<float> outputs, int rows)
        where TLayer : struct, IUpsampleLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>(rows);
        int f = TLayer.Factor, width = TLayer.InWidth, outWidth = width * f, planes = rows * TLayer.Channels * TLayer.InHeight;
        BufferLayout.Require(inputs.Length, (long)planes * width, nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)planes * f * outWidth, nameof(outputs), Node, slack: false);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        // Every input row (over all samples and channels) becomes Factor consecutive output rows.
        for (int r = 0; r < planes; r++)
        {
            ref float source = ref Unsafe.Add(ref x, r * width);
            ref float first = ref Unsafe.Add(ref y, r * f * outWidth);
            for (int w = 0; w < width; w++)
            {
                float value = Unsafe.Add(ref source, w);
                for (int b = 0; b < f; b++) Unsafe.Add(ref first, w * f + b) = value;
            }
            for (int a = 1; a < f; a++) Copy<TReg>(ref first, ref Unsafe.Add(ref first, a * outWidth), outWidth);
        }
    }

    /// <summary>
    /// dL/dx as the sum of dL/dy over each Factor × Factor block, stored into or added to
    /// <paramref name="inputGradient"/> as <paramref name="mode"/> says (not touched for <see cref="GradientMode.None"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, GradientMode mode, int rows)
        where TLayer : struct, IUpsampleLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>(rows);
        if (mode == GradientMode.None) return;
        int f = TLayer.Factor, width = TLayer.InWidth, outWidth = width * f, planes = rows * TLayer.Channels * TLayer.InHeight;
        BufferLayout.Require(outputGradient.Length, (long)planes * f * outWidth, nameof(outputGradient), Node, slack: false);
        BufferLayout.Require(inputGradient.Length, (long)planes * width, nameof(inputGradient), Node, slack: false);
        // One output row of block sums; a row wider than 1024 floats (4 KiB of stack) goes to the heap.
        Span<float> rowSums = outWidth <= 1024 ? stackalloc float[outWidth] : new float[outWidth];
        ref float sums = ref MemoryMarshal.GetReference(rowSums);
        ref float dy = ref MemoryMarshal.GetReference(outputGradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        for (int r = 0; r < planes; r++)
        {
            ref float block = ref Unsafe.Add(ref dy, r * f * outWidth);
            Copy<TReg>(ref block, ref sums, outWidth);
            for (int a = 1; a < f; a++) Add<TReg>(ref Unsafe.Add(ref block, a * outWidth), ref sums, outWidth);
            ref float target = ref Unsafe.Add(ref dx, r * width);
            for (int w = 0; w < width; w++)
            {
                float total = 0;
                for (int b = 0; b < f; b++) total += Unsafe.Add(ref sums, w * f + b);
                if (mode == GradientMode.Store) Unsafe.Add(ref target, w) = total;
                else Unsafe.Add(ref target, w) += total;
            }
        }
    }

    private static void CheckShape<TLayer>(int rows) where TLayer : struct, IUpsampleLayer
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (TLayer.Channels <= 0 || TLayer.InHeight <= 0 || TLayer.InWidth <= 0 || TLayer.Factor <= 0)
            throw new ArgumentException($"{typeof(TLayer).Name} is not a consistent upsampling: channels, sides and factor must be positive.", "TLayer");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<TReg>(ref float source, ref float target, int length) where TReg : struct, IFloatRegister<TReg>
    {
        int i = 0;
        for (; i + TReg.Count <= length; i += TReg.Count) TReg.Store(TReg.Load(ref source, (nuint)i), ref target, (nuint)i);
        for (; i < length; i++) Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<TReg>(ref float source, ref float target, int length) where TReg : struct, IFloatRegister<TReg>
    {
        int i = 0;
        for (; i + TReg.Count <= length; i += TReg.Count)
            TReg.Store(TReg.Load(ref target, (nuint)i) + TReg.Load(ref source, (nuint)i), ref target, (nuint)i);
        for (; i < length; i++) Unsafe.Add(ref target, i) += Unsafe.Add(ref source, i);
    }
}
