using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// A concatenation along channels (the join of Inception branches, a skip concatenation): each part
/// <c>[rows, channels, Spatial]</c> is one call that copies it into its channel range of the joined value
/// <c>[rows, OutChannels, Spatial]</c>. In a sample, a part's channels are one contiguous run of
/// <c>channels·Spatial</c> floats in both buffers, so a call is <c>rows</c> register-wide copies. Backward
/// is the reverse: each part's gradient is its run of the joined gradient, stored or added as its
/// <see cref="GradientMode"/> says (a part that other layers also read gets the sum).
/// </summary>
public static class ConcatNode
{
    private const string Node = "a concatenation";

    /// <summary>Copies <paramref name="part"/> (<paramref name="channels"/> channels per sample) into channels [<paramref name="channelOffset"/>, +channels) of <paramref name="outputs"/>.</summary>
    /// <exception cref="ArgumentException">A span is too short or the range does not fit (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> part, int channelOffset, int channels, Span<float> outputs, int rows)
        where TLayer : struct, IConcatLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int run = CheckRange<TLayer>(channelOffset, channels, rows);
        int outSize = TLayer.OutChannels * TLayer.Spatial;
        BufferLayout.Require(part.Length, (long)rows * run, nameof(part), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * outSize, nameof(outputs), Node, slack: false);
        ref float source = ref MemoryMarshal.GetReference(part);
        ref float target = ref Unsafe.Add(ref MemoryMarshal.GetReference(outputs), channelOffset * TLayer.Spatial);
        for (int n = 0; n < rows; n++)
            Copy<TReg>(ref Unsafe.Add(ref source, n * run), ref Unsafe.Add(ref target, n * outSize), run);
    }

    /// <summary>
    /// Writes channels [<paramref name="channelOffset"/>, +channels) of <paramref name="outputGradient"/> to
    /// <paramref name="partGradient"/>: stored, added, or skipped (<see cref="GradientMode.None"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short or the range does not fit (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> outputGradient, int channelOffset, int channels, Span<float> partGradient, GradientMode mode, int rows)
        where TLayer : struct, IConcatLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int run = CheckRange<TLayer>(channelOffset, channels, rows);
        if (mode == GradientMode.None) return;
        int outSize = TLayer.OutChannels * TLayer.Spatial;
        BufferLayout.Require(outputGradient.Length, (long)rows * outSize, nameof(outputGradient), Node, slack: false);
        BufferLayout.Require(partGradient.Length, (long)rows * run, nameof(partGradient), Node, slack: false);
        ref float source = ref Unsafe.Add(ref MemoryMarshal.GetReference(outputGradient), channelOffset * TLayer.Spatial);
        ref float target = ref MemoryMarshal.GetReference(partGradient);
        for (int n = 0; n < rows; n++)
        {
            if (mode == GradientMode.Store) Copy<TReg>(ref Unsafe.Add(ref source, n * outSize), ref Unsafe.Add(ref target, n * run), run);
            else Add<TReg>(ref Unsafe.Add(ref source, n * outSize), ref Unsafe.Add(ref target, n * run), run);
        }
    }

    private static int CheckRange<TLayer>(int channelOffset, int channels, int rows) where TLayer : struct, IConcatLayer
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (TLayer.OutChannels <= 0 || TLayer.Spatial <= 0)
            throw new ArgumentException($"{typeof(TLayer).Name} is not a consistent concatenation: OutChannels and Spatial must be positive.", "TLayer");
        if (channelOffset < 0 || channels <= 0 || channelOffset + channels > TLayer.OutChannels)
            throw new ArgumentOutOfRangeException(nameof(channels), $"The part's channels [{channelOffset}, {channelOffset + channels}) must be a non-empty range inside the {TLayer.OutChannels} joined channels.");
        return channels * TLayer.Spatial;
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
