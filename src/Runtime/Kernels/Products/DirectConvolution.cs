using System.Runtime.CompilerServices;
using Specialized.Nodes;

namespace Specialized.Kernels;

/// <summary>
/// The direct convolution (stride 1): no im2col. One sample is copied into a zero-bordered plane per
/// channel, <c>xp[c, Hp, Wp]</c> with <c>Hp = InHeight + 2·Padding</c>, <c>Wp = InWidth + 2·Padding</c>; then
/// every output is computed on the padded width, <c>g[co, oh·Wp + ow] = b[co] + Σ W[co, c, i, j]·xp[c, (oh + i)·Wp + ow + j]</c>.
/// For a fixed kernel tap (c, i, j) the inputs of all positions are one contiguous run of <c>xp</c>
/// starting at <c>c·Hp·Wp + i·Wp + j</c>, so the sum is a register-blocked product whose B rows are
/// shifted views of the padded sample: 4 output channels × up to 3 registers of positions in 12
/// accumulators (the weights broadcast, the input run loaded once for four channels), the taps
/// walked in PyTorch's weight order. The <c>Wp − OutWidth</c> columns past each output row are
/// computed and dropped when the rows are copied out; they cost <c>Wp / OutWidth − 1</c> of the work,
/// which is why <see cref="Conv2DNode"/>'s kernel rule takes this path only when that waste is small.
/// </summary>
/// <remarks>
/// Unchecked: <see cref="Conv2DNode.ForwardDirect{TLayer, TReg}"/> checks every span. The padded
/// plane carries <see cref="PaddedLength{TLayer}"/> floats so the last tap's last register stays in
/// bounds; the grid rows are padded to whole registers, so every store is a full register.
/// </remarks>
internal static class DirectConvolution
{
    /// <summary>Floats of the zero-bordered copy of one sample, with room for the last register's over-read.</summary>
    public static int PaddedLength<TLayer>() where TLayer : struct, IConv2DLayer =>
        TLayer.InChannels * PaddedHeight<TLayer>() * PaddedWidth<TLayer>() + TLayer.KernelWidth + MaxLanes;

    /// <summary>Floats of the output grid, <c>OutChannels</c> rows of <see cref="GridStride{TLayer}"/>.</summary>
    public static int GridLength<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.OutChannels * GridStride<TLayer>();

    // The widest register's lanes: grid rows are rounded up to it so every width fits the same scratch.
    private const int MaxLanes = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PaddedHeight<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.InHeight + 2 * TLayer.Padding;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PaddedWidth<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.InWidth + 2 * TLayer.Padding;

    // Positions computed per output channel: every output row on the padded width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GridColumns<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.OutHeight * PaddedWidth<TLayer>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GridStride<TLayer>() where TLayer : struct, IConv2DLayer => (GridColumns<TLayer>() + MaxLanes - 1) / MaxLanes * MaxLanes;

    /// <summary>Zeroes the padded plane's borders (and its over-read tail); <see cref="CopySample{TLayer}"/> fills the interior.</summary>
    public static void ClearPadded<TLayer>(ref float padded) where TLayer : struct, IConv2DLayer =>
        Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref padded), 0, (uint)PaddedLength<TLayer>() * sizeof(float));

    /// <summary>Copies one sample <c>x[Cin, H, W]</c> into the interior of the padded plane.</summary>
    public static void CopySample<TLayer>(ref float x, ref float padded) where TLayer : struct, IConv2DLayer
    {
        int height = TLayer.InHeight, width = TLayer.InWidth, paddedWidth = PaddedWidth<TLayer>();
        int plane = PaddedHeight<TLayer>() * paddedWidth;
        ref float target = ref Unsafe.Add(ref padded, TLayer.Padding * paddedWidth + TLayer.Padding);
        for (int c = 0; c < TLayer.InChannels; c++)
        {
            ref float source = ref Unsafe.Add(ref x, c * height * width);
            ref float line = ref Unsafe.Add(ref target, c * plane);
            for (int h = 0; h < height; h++)
            {
                Unsafe.CopyBlockUnaligned(
                    ref Unsafe.As<float, byte>(ref Unsafe.Add(ref line, h * paddedWidth)),
                    ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, h * width)), (uint)width * sizeof(float));
            }
        }
    }

    /// <summary>
    /// <c>grid[co, ·] = act(b[co] + Σ W[co, c, i, j]·xp[c, · + i·Wp + j])</c> for every output channel
    /// (ReLU fused; other activations are left to the caller), on <see cref="GridStride{TLayer}"/>-long rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TLayer, TReg>(ref float w, ref float bias, ref float padded, ref float grid)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int count = TReg.Count;
        int registers = (GridColumns<TLayer>() + count - 1) / count;
        int co = 0;
        for (; co + 4 <= TLayer.OutChannels; co += 4)
        {
            int v = 0;
            for (; v + 3 <= registers; v += 3) Block<TLayer, TReg, Four, Three>(ref w, ref bias, ref padded, ref grid, co, v * count);
            if (v + 2 == registers) Block<TLayer, TReg, Four, Two>(ref w, ref bias, ref padded, ref grid, co, v * count);
            else if (v + 1 == registers) Block<TLayer, TReg, Four, One>(ref w, ref bias, ref padded, ref grid, co, v * count);
        }
        for (; co < TLayer.OutChannels; co++)
        {
            int v = 0;
            for (; v + 3 <= registers; v += 3) Block<TLayer, TReg, One, Three>(ref w, ref bias, ref padded, ref grid, co, v * count);
            if (v + 2 == registers) Block<TLayer, TReg, One, Two>(ref w, ref bias, ref padded, ref grid, co, v * count);
            else if (v + 1 == registers) Block<TLayer, TReg, One, One>(ref w, ref bias, ref padded, ref grid, co, v * count);
        }
    }

    /// <summary>Copies the <c>OutWidth</c> real outputs of each grid row into <c>y[Cout, OutHeight, OutWidth]</c>.</summary>
    public static void CopyOut<TLayer>(ref float grid, ref float y) where TLayer : struct, IConv2DLayer
    {
        int outHeight = TLayer.OutHeight, outWidth = TLayer.OutWidth, paddedWidth = PaddedWidth<TLayer>(), stride = GridStride<TLayer>();
        for (int co = 0; co < TLayer.OutChannels; co++)
        {
            ref float source = ref Unsafe.Add(ref grid, co * stride);
            ref float target = ref Unsafe.Add(ref y, co * outHeight * outWidth);
            for (int oh = 0; oh < outHeight; oh++)
            {
                Unsafe.CopyBlockUnaligned(
                    ref Unsafe.As<float, byte>(ref Unsafe.Add(ref target, oh * outWidth)),
                    ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, oh * paddedWidth)), (uint)outWidth * sizeof(float));
            }
        }
    }

    private interface ICount
    {
        static abstract int Value { get; }
    }

    private readonly struct One : ICount
    {
        public static int Value => 1;
    }

    private readonly struct Two : ICount
    {
        public static int Value => 2;
    }

    private readonly struct Three : ICount
    {
        public static int Value => 3;
    }

    private readonly struct Four : ICount
    {
        public static int Value => 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TReg Start<TLayer, TReg>(ref float bias, int co)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg> =>
        TLayer.HasBias ? TReg.Broadcast(Unsafe.Add(ref bias, co)) : TReg.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TLayer, TReg>(TReg value, ref float grid, int at)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        if (TLayer.Activation == Activation.Relu) value = TReg.Relu(value);
        TReg.Store(value, ref grid, (nuint)at);
    }

    // TRows output channels (1 or 4) × TRegisters registers of grid columns; accumulators a block does not use are never touched
    // (the JIT drops them: both counts are constants of the instantiation).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block<TLayer, TReg, TRows, TRegisters>(ref float w, ref float bias, ref float padded, ref float grid, int co, int column)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
        where TRows : struct, ICount
        where TRegisters : struct, ICount
    {
        int n = TReg.Count, depth = TLayer.InChannels * TLayer.KernelHeight * TLayer.KernelWidth;
        // Every size is computed here, before the loop: a call left in the block (an inlining the JIT
        // gives up on) makes it keep the accumulators on the stack, stored and reloaded on every tap.
        int paddedWidth = PaddedWidth<TLayer>(), plane = PaddedHeight<TLayer>() * paddedWidth, gridStride = GridStride<TLayer>();
        bool four = TRows.Value == 4, two = TRegisters.Value >= 2, three = TRegisters.Value == 3;
        TReg s0 = Start<TLayer, TReg>(ref bias, co), s1 = four ? Start<TLayer, TReg>(ref bias, co + 1) : TReg.Zero;
        TReg s2 = four ? Start<TLayer, TReg>(ref bias, co + 2) : TReg.Zero, s3 = four ? Start<TLayer, TReg>(ref bias, co + 3) : TReg.Zero;
        TReg c00 = s0, c01 = s0, c02 = s0, c10 = s1, c11 = s1, c12 = s1, c20 = s2, c21 = s2, c22 = s2, c30 = s3, c31 = s3, c32 = s3;
        ref float w0 = ref Unsafe.Add(ref w, co * depth);
        ref float start = ref Unsafe.Add(ref padded, column);
        for (int c = 0; c < TLayer.InChannels; c++)
        {
            for (int i = 0; i < TLayer.KernelHeight; i++)
            {
                ref float line = ref Unsafe.Add(ref start, c * plane + i * paddedWidth);
                for (int j = 0; j < TLayer.KernelWidth; j++)
                {
                    TReg b0 = TReg.Load(ref line, (nuint)j);
                    TReg b1 = two ? TReg.Load(ref line, (nuint)(j + n)) : TReg.Zero;
                    TReg b2 = three ? TReg.Load(ref line, (nuint)(j + 2 * n)) : TReg.Zero;
                    TReg x = TReg.Broadcast(w0);
                    c00 = TReg.MultiplyAdd(x, b0, c00);
                    if (two) c01 = TReg.MultiplyAdd(x, b1, c01);
                    if (three) c02 = TReg.MultiplyAdd(x, b2, c02);
                    if (four)
                    {
                        x = TReg.Broadcast(Unsafe.Add(ref w0, depth));
                        c10 = TReg.MultiplyAdd(x, b0, c10);
                        if (two) c11 = TReg.MultiplyAdd(x, b1, c11);
                        if (three) c12 = TReg.MultiplyAdd(x, b2, c12);
                        x = TReg.Broadcast(Unsafe.Add(ref w0, 2 * depth));
                        c20 = TReg.MultiplyAdd(x, b0, c20);
                        if (two) c21 = TReg.MultiplyAdd(x, b1, c21);
                        if (three) c22 = TReg.MultiplyAdd(x, b2, c22);
                        x = TReg.Broadcast(Unsafe.Add(ref w0, 3 * depth));
                        c30 = TReg.MultiplyAdd(x, b0, c30);
                        if (two) c31 = TReg.MultiplyAdd(x, b1, c31);
                        if (three) c32 = TReg.MultiplyAdd(x, b2, c32);
                    }
                    w0 = ref Unsafe.Add(ref w0, 1);
                }
            }
        }
        Finish<TLayer, TReg>(c00, ref grid, co * gridStride + column);
        if (two) Finish<TLayer, TReg>(c01, ref grid, co * gridStride + column + n);
        if (three) Finish<TLayer, TReg>(c02, ref grid, co * gridStride + column + 2 * n);
        if (!four) return;
        Finish<TLayer, TReg>(c10, ref grid, (co + 1) * gridStride + column);
        if (two) Finish<TLayer, TReg>(c11, ref grid, (co + 1) * gridStride + column + n);
        if (three) Finish<TLayer, TReg>(c12, ref grid, (co + 1) * gridStride + column + 2 * n);
        Finish<TLayer, TReg>(c20, ref grid, (co + 2) * gridStride + column);
        if (two) Finish<TLayer, TReg>(c21, ref grid, (co + 2) * gridStride + column + n);
        if (three) Finish<TLayer, TReg>(c22, ref grid, (co + 2) * gridStride + column + 2 * n);
        Finish<TLayer, TReg>(c30, ref grid, (co + 3) * gridStride + column);
        if (two) Finish<TLayer, TReg>(c31, ref grid, (co + 3) * gridStride + column + n);
        if (three) Finish<TLayer, TReg>(c32, ref grid, (co + 3) * gridStride + column + 2 * n);
    }
}
