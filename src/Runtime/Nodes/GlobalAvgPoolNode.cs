using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// Global average pooling, as PyTorch's <c>AdaptiveAvgPool2d(1)</c> followed by a flatten:
/// <c>[rows, Channels, Spatial] → [rows, Channels]</c>, each output the mean of its channel's positions.
/// </summary>
/// <remarks>
/// A channel's positions are contiguous: they are summed in registers of the caller's width (the
/// lanes then added in a fixed order, then the remainder), so widths agree within float rounding and
/// nothing depends on alignment. Buffers need no slack.
/// </remarks>
public static class GlobalAvgPoolNode
{
    private const string Node = "a global average pool";

    /// <summary><c>outputs[n, c] = Σₛ inputs[n, c, s] / Spatial</c>.</summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> inputs, Span<float> outputs, int rows)
        where TLayer : struct, IGlobalPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int spatial = TLayer.Spatial, channels = rows * TLayer.Channels;
        BufferLayout.Require(inputs.Length, (long)channels * spatial, nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, channels, nameof(outputs), Node, slack: false);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        for (int c = 0; c < channels; c++)
        {
            ref float run = ref Unsafe.Add(ref x, c * spatial);
            TReg sum = TReg.Zero;
            int k = 0;
            for (; k + TReg.Count <= spatial; k += TReg.Count) sum += TReg.Load(ref run, (nuint)k);
            float total = TReg.Sum(sum);
            for (; k < spatial; k++) total += Unsafe.Add(ref run, k);
            Unsafe.Add(ref y, c) = total / spatial;
        }
    }

    /// <summary>
    /// Backward: <c>dL/dx[n, c, s] = dL/dy[n, c] / Spatial</c> at every position, stored into or added to
    /// <paramref name="inputGradient"/> as <paramref name="mode"/> says; nothing happens for <see cref="GradientMode.None"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, GradientMode mode, int rows)
        where TLayer : struct, IGlobalPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int spatial = TLayer.Spatial, channels = rows * TLayer.Channels;
        BufferLayout.Require(outputGradient.Length, channels, nameof(outputGradient), Node, slack: false);
        if (mode == GradientMode.None) return;
        BufferLayout.Require(inputGradient.Length, (long)channels * spatial, nameof(inputGradient), Node, slack: false);
        ref float dy = ref MemoryMarshal.GetReference(outputGradient);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        for (int c = 0; c < channels; c++)
        {
            float share = Unsafe.Add(ref dy, c) / spatial;
            TReg broadcast = TReg.Broadcast(share);
            ref float run = ref Unsafe.Add(ref dx, c * spatial);
            int k = 0;
            if (mode == GradientMode.Store)
            {
                for (; k + TReg.Count <= spatial; k += TReg.Count) TReg.Store(broadcast, ref run, (nuint)k);
                for (; k < spatial; k++) Unsafe.Add(ref run, k) = share;
            }
            else
            {
                for (; k + TReg.Count <= spatial; k += TReg.Count) TReg.Store(TReg.Load(ref run, (nuint)k) + broadcast, ref run, (nuint)k);
                for (; k < spatial; k++) Unsafe.Add(ref run, k) += share;
            }
        }
    }

    private static void CheckShape<TLayer>() where TLayer : struct, IGlobalPoolLayer
    {
        if (TLayer.Channels <= 0 || TLayer.Spatial <= 0)
            throw new ArgumentException($"{typeof(TLayer).Name} must have at least one channel and one position.", "TLayer");
    }
}
