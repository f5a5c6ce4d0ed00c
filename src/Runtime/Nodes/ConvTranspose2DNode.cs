using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// A transposed 2-D convolution with a fused activation, as PyTorch's ConvTranspose2d: inputs
/// <c>[rows, InChannels, InHeight, InWidth]</c>, outputs <c>[rows, OutChannels, OutHeight, OutWidth]</c>,
/// parameters packed as PyTorch's weight <c>[InChannels, OutChannels, Kernel, Kernel]</c>
/// (= <c>W[InChannels, K]</c> with <c>K = OutChannels·Kernel²</c>) then the bias. It is the input-gradient
/// pass of a convolution run forward: each input position <c>(h, w)</c> scatters its kernel-sized patch
/// onto the output positions <c>(h·Stride − Padding + i, w·Stride − Padding + j)</c>. Per sample, the
/// patches are one register-blocked product <c>col[K, P] = Wᵀ·x[InChannels, P]</c>
/// (<c>P = InHeight·InWidth</c>) on <see cref="MatrixProduct"/>, then col2im adds them onto the outputs,
/// which start from the bias. Backward gathers the output gradient's patches (im2col, the transposed
/// geometry's forward convolution): <c>dx = W·col(dz)</c> and <c>dW += x·col(dz)ᵀ</c>, both products.
/// </summary>
/// <remarks>
/// The outputs, the output gradient, the input gradient, the parameter gradients and the scratch carry
/// <see cref="BufferLayout.Slack"/> (the products' tail registers); the inputs and parameters need none.
/// Reduction orders depend only on the shape, so results repeat run to run.
/// </remarks>
public static class ConvTranspose2DNode
{
    private const string Node = "a transposed 2-D convolution";

    /// <summary>Floats of <typeparamref name="TLayer"/>'s packed parameters: the weight, then one bias per output channel.</summary>
    public static int ParameterCount<TLayer>() where TLayer : struct, IConvTranspose2DLayer =>
        TLayer.InChannels * Depth<TLayer>() + (TLayer.HasBias ? TLayer.OutChannels : 0);

    /// <summary>
    /// Floats of per-call scratch: one sample's patches <c>col[K, P]</c>, then either a copy of the sample's
    /// input (forward) or the patches transposed (backward), plus <see cref="BufferLayout.Slack"/>.
    /// </summary>
    public static int ScratchLength<TLayer>() where TLayer : struct, IConvTranspose2DLayer =>
        Depth<TLayer>() * Positions<TLayer>() + Math.Max(Depth<TLayer>(), TLayer.InChannels) * Positions<TLayer>() + BufferLayout.Slack;

    /// <summary>
    /// Draws the weights with <paramref name="initializer"/> (resolved against the layer's activation) with
    /// PyTorch's fans for a <c>[in, out, k, k]</c> weight, <c>fanIn = OutChannels·k²</c> and
    /// <c>fanOut = InChannels·k²</c>, in the packed order, and zeroes the bias.
    /// </summary>
    public static void Initialize<TLayer>(Span<float> parameters, Initializer initializer, Random random) where TLayer : struct, IConvTranspose2DLayer
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckShape<TLayer>();
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        int weights = TLayer.InChannels * Depth<TLayer>(), window = TLayer.Kernel * TLayer.Kernel;
        WeightInitializer.Fill(parameters.Slice(0, weights), fanIn: TLayer.OutChannels * window, fanOut: TLayer.InChannels * window,
            initializer, TLayer.Activation, random);
        if (TLayer.HasBias) parameters.Slice(weights, TLayer.OutChannels).Clear();
    }

    /// <summary><c>outputs[n] = act(b + col2im(Wᵀ·inputs[n]))</c> for each of the <paramref name="rows"/> samples.</summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IConvTranspose2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = InputSize<TLayer>(), outSize = OutputSize<TLayer>(), depth = Depth<TLayer>(), positions = Positions<TLayer>();
        BufferLayout.Require(inputs.Length, (long)rows * inSize, nameof(inputs), Node, slack: false);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * outSize, nameof(outputs), Node);
        BufferLayout.Require(scratch.Length, ScratchLength<TLayer>() - BufferLayout.Slack, nameof(scratch), Node);

        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float col = ref MemoryMarshal.GetReference(scratch);
        // The product reads whole registers past a row of B: the sample is copied next to the patches,
        // where the scratch's slack covers them (the caller's inputs carry none).
        ref float sample = ref Unsafe.Add(ref col, depth * positions);
        for (int n = 0; n < rows; n++)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref sample), ref Unsafe.As<float, byte>(ref Unsafe.Add(ref x, n * inSize)), (uint)inSize * sizeof(float));
            // col[K, P] = Wᵀ[K, Cin]·x[Cin, P], W read as its transpose.
            MatrixProduct.Run<PatchProduct<TLayer>, TReg>(ref w, ref sample, ref sample, ref col, depth, TLayer.InChannels);
            ref float yn = ref Unsafe.Add(ref y, n * outSize);
            FillBias<TLayer, TReg>(parameters, ref yn);
            Col2ImAdd<TLayer, TReg>(ref col, ref yn);
        }
        if (TLayer.Activation != Activation.Identity) Elementwise.Activate<TLayer, TReg>(outputs.Slice(0, rows * outSize));
    }

    /// <summary>
    /// Backward through the layer. <paramref name="outputGradient"/> holds dL/dy and is turned into dL/dz in
    /// place (through the activation's derivative, read from <paramref name="outputs"/>). The weight gradient
    /// <c>Σₙ xₙ·col(dzₙ)ᵀ</c> and the bias gradient <c>Σₙ Σₚ dzₙ</c> overwrite <paramref name="parameterGradients"/>;
    /// the input gradient <c>W·col(dzₙ)</c> is stored into or added to <paramref name="inputGradient"/> as
    /// <paramref name="mode"/> says (not touched for <see cref="GradientMode.None"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients,
        Span<float> inputGradient, GradientMode mode, Span<float> scratch, int rows)
        where TLayer : struct, IConvTranspose2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = InputSize<TLayer>(), outSize = OutputSize<TLayer>(), depth = Depth<TLayer>(), positions = Positions<TLayer>();
        int weights = TLayer.InChannels * depth;
        BufferLayout.Require(inputs.Length, (long)rows * inSize, nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * outSize, nameof(outputs), Node, slack: false);
        BufferLayout.Require(outputGradient.Length, (long)rows * outSize, nameof(outputGradient), Node, slack: false);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        BufferLayout.Require(parameterGradients.Length, ParameterCount<TLayer>(), nameof(parameterGradients), Node);
        if (mode != GradientMode.None)
            BufferLayout.Require(inputGradient.Length, (long)rows * inSize, nameof(inputGradient), Node);
        BufferLayout.Require(scratch.Length, ScratchLength<TLayer>() - BufferLayout.Slack, nameof(scratch), Node);

        Elementwise.ActivationBackward<TLayer, TReg>(outputs, outputGradient.Slice(0, rows * outSize));
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float dz = ref MemoryMarshal.GetReference(outputGradient);
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float dw = ref MemoryMarshal.GetReference(parameterGradients);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        ref float col = ref MemoryMarshal.GetReference(scratch);
        ref float colT = ref Unsafe.Add(ref col, depth * positions);

        if (rows == 0) parameterGradients.Slice(0, weights).Clear();
        for (int n = 0; n < rows; n++)
        {
            Im2Col<TLayer>(ref Unsafe.Add(ref dz, n * outSize), ref col, ref colT);
            // dW[Cin, K] (+)= x[Cin, P]·colᵀ[P, K].
            ref float xn = ref Unsafe.Add(ref x, n * inSize);
            if (n == 0) MatrixProduct.Run<WeightGradientProduct<TLayer, ZeroStart>, TReg>(ref xn, ref colT, ref colT, ref dw, TLayer.InChannels, positions);
            else MatrixProduct.Run<WeightGradientProduct<TLayer, AccumulateStart>, TReg>(ref xn, ref colT, ref colT, ref dw, TLayer.InChannels, positions);
            if (mode == GradientMode.None) continue;
            // dx[Cin, P] (+)= W[Cin, K]·col[K, P]: the forward convolution of the transposed geometry.
            ref float dxn = ref Unsafe.Add(ref dx, n * inSize);
            if (mode == GradientMode.Store) MatrixProduct.Run<InputGradientProduct<TLayer, ZeroStart>, TReg>(ref w, ref col, ref col, ref dxn, TLayer.InChannels, depth);
            else MatrixProduct.Run<InputGradientProduct<TLayer, AccumulateStart>, TReg>(ref w, ref col, ref col, ref dxn, TLayer.InChannels, depth);
        }
        // The bias gradient last: the weight product's masked tail stores may touch the floats after the weights.
        if (TLayer.HasBias) BiasGradient<TLayer, TReg>(ref dz, ref Unsafe.Add(ref dw, weights), rows);
    }

    private static int Depth<TLayer>() where TLayer : struct, IConvTranspose2DLayer => TLayer.OutChannels * TLayer.Kernel * TLayer.Kernel;

    private static int Positions<TLayer>() where TLayer : struct, IConvTranspose2DLayer => TLayer.InHeight * TLayer.InWidth;

    private static int InputSize<TLayer>() where TLayer : struct, IConvTranspose2DLayer => TLayer.InChannels * Positions<TLayer>();

    private static int OutputSize<TLayer>() where TLayer : struct, IConvTranspose2DLayer => TLayer.OutChannels * TLayer.OutHeight * TLayer.OutWidth;

    // Every operand is a constant of the shape, so for a consistent shape the JIT drops the check.
    private static void CheckShape<TLayer>() where TLayer : struct, IConvTranspose2DLayer
    {
        if (TLayer.InChannels <= 0 || TLayer.OutChannels <= 0 || TLayer.Kernel <= 0 || TLayer.Stride <= 0 || TLayer.Padding < 0
            || TLayer.OutputPadding < 0 || TLayer.OutputPadding >= TLayer.Stride || TLayer.InHeight <= 0 || TLayer.InWidth <= 0
            || TLayer.OutHeight != (TLayer.InHeight - 1) * TLayer.Stride - 2 * TLayer.Padding + TLayer.Kernel + TLayer.OutputPadding
            || TLayer.OutWidth != (TLayer.InWidth - 1) * TLayer.Stride - 2 * TLayer.Padding + TLayer.Kernel + TLayer.OutputPadding
            || TLayer.OutHeight <= 0 || TLayer.OutWidth <= 0)
            throw new ArgumentException(
                $"{typeof(TLayer).Name} is not a consistent transposed convolution: channels, kernel, stride and sides must be positive, padding non-negative, OutputPadding below the stride, and Out = (In − 1)·Stride − 2·Padding + Kernel + OutputPadding.",
                "TLayer");
    }

    // The input columns w whose output column w·Stride − Padding + j lies inside the output: [first, end).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int First, int End) InsideColumns<TLayer>(int kernelColumn) where TLayer : struct, IConvTranspose2DLayer
    {
        int s = TLayer.Stride, offset = TLayer.Padding - kernelColumn;
        int first = offset > 0 ? (offset + s - 1) / s : 0;
        int last = TLayer.OutWidth - 1 + offset;
        int end = last < 0 ? 0 : Math.Min(TLayer.InWidth, last / s + 1);
        return (first, Math.Max(first, end));
    }

    // y[co, h·s − pad + i, w·s − pad + j] += col[(co·k + i)·k + j, h·W + w] inside the output; at stride 1 each run is a register-wide add.
    private static void Col2ImAdd<TLayer, TReg>(ref float col, ref float y)
        where TLayer : struct, IConvTranspose2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int s = TLayer.Stride, pad = TLayer.Padding, k = TLayer.Kernel, height = TLayer.InHeight, width = TLayer.InWidth;
        int outHeight = TLayer.OutHeight, outWidth = TLayer.OutWidth;
        ref float row = ref col;
        for (int co = 0; co < TLayer.OutChannels; co++)
        {
            ref float plane = ref Unsafe.Add(ref y, co * outHeight * outWidth);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    (int first, int end) = InsideColumns<TLayer>(j);
                    for (int h = 0; h < height; h++)
                    {
                        int oh = h * s - pad + i;
                        if ((uint)oh >= (uint)outHeight) continue;
                        ref float source = ref Unsafe.Add(ref row, h * width + first);
                        ref float target = ref Unsafe.Add(ref plane, oh * outWidth + first * s - pad + j);
                        if (s == 1) AddInto<TReg>(ref target, ref source, end - first);
                        else
                        {
                            for (int c = 0; c < end - first; c++) Unsafe.Add(ref target, c * s) += Unsafe.Add(ref source, c);
                        }
                    }
                    row = ref Unsafe.Add(ref row, height * width);
                }
            }
        }
    }

    // col[(co·k + i)·k + j, h·W + w] = dz[co, h·s − pad + i, w·s − pad + j] (zero outside), and the same values as colᵀ[h·W + w, (co·k + i)·k + j].
    private static void Im2Col<TLayer>(ref float dz, ref float col, ref float colT) where TLayer : struct, IConvTranspose2DLayer
    {
        int s = TLayer.Stride, pad = TLayer.Padding, k = TLayer.Kernel, height = TLayer.InHeight, width = TLayer.InWidth;
        int outHeight = TLayer.OutHeight, outWidth = TLayer.OutWidth, depth = Depth<TLayer>(), positions = Positions<TLayer>();
        int r = 0;
        for (int co = 0; co < TLayer.OutChannels; co++)
        {
            ref float plane = ref Unsafe.Add(ref dz, co * outHeight * outWidth);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++, r++)
                {
                    ref float row = ref Unsafe.Add(ref col, r * positions);
                    for (int h = 0; h < height; h++)
                    {
                        int oh = h * s - pad + i;
                        for (int w = 0; w < width; w++)
                        {
                            int ow = w * s - pad + j;
                            float value = (uint)oh < (uint)outHeight && (uint)ow < (uint)outWidth ? Unsafe.Add(ref plane, oh * outWidth + ow) : 0f;
                            int p = h * width + w;
                            Unsafe.Add(ref row, p) = value;
                            Unsafe.Add(ref colT, p * depth + r) = value;
                        }
                    }
                }
            }
        }
    }

    // y[co, ·] = b[co] (or 0) for one sample.
    private static void FillBias<TLayer, TReg>(ReadOnlySpan<float> parameters, ref float y)
        where TLayer : struct, IConvTranspose2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int plane = TLayer.OutHeight * TLayer.OutWidth, weights = TLayer.InChannels * Depth<TLayer>();
        for (int co = 0; co < TLayer.OutChannels; co++)
        {
            float value = TLayer.HasBias ? parameters[weights + co] : 0f;
            TReg broadcast = TReg.Broadcast(value);
            ref float run = ref Unsafe.Add(ref y, co * plane);
            int p = 0;
            for (; p + TReg.Count <= plane; p += TReg.Count) TReg.Store(broadcast, ref run, (nuint)p);
            for (; p < plane; p++) Unsafe.Add(ref run, p) = value;
        }
    }

    // db[co] = Σₙ Σₚ dz[n, co, p]: each sample's run summed in registers (then its lanes in a fixed order), samples added in order.
    private static void BiasGradient<TLayer, TReg>(ref float dz, ref float db, int rows)
        where TLayer : struct, IConvTranspose2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int plane = TLayer.OutHeight * TLayer.OutWidth, outSize = OutputSize<TLayer>();
        for (int co = 0; co < TLayer.OutChannels; co++)
        {
            float total = 0;
            for (int n = 0; n < rows; n++)
            {
                ref float run = ref Unsafe.Add(ref dz, n * outSize + co * plane);
                TReg sum = TReg.Zero;
                int p = 0;
                for (; p + TReg.Count <= plane; p += TReg.Count) sum += TReg.Load(ref run, (nuint)p);
                float tail = 0;
                for (; p < plane; p++) tail += Unsafe.Add(ref run, p);
                total += TReg.Sum(sum) + tail;
            }
            Unsafe.Add(ref db, co) = total;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInto<TReg>(ref float target, ref float source, int length) where TReg : struct, IFloatRegister<TReg>
    {
        int c = 0;
        for (; c + TReg.Count <= length; c += TReg.Count)
            TReg.Store(TReg.Load(ref target, (nuint)c) + TReg.Load(ref source, (nuint)c), ref target, (nuint)c);
        for (; c < length; c++) Unsafe.Add(ref target, c) += Unsafe.Add(ref source, c);
    }

    private interface IStart
    {
        static abstract ProductStart Value { get; }
    }

    private readonly struct ZeroStart : IStart
    {
        public static ProductStart Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductStart.Zero; }
    }

    private readonly struct AccumulateStart : IStart
    {
        public static ProductStart Value { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductStart.Accumulate; }
    }

    // The product shapes' getters are marked for inlining, as Conv2DNode's: one the JIT leaves as a call inside a
    // product block's loop makes it keep the accumulators on the stack.

    // col[K, P] = Wᵀ[K, Cin]·x[Cin, P], A = W [Cin, K] read as its transpose.
    private readonly struct PatchProduct<TLayer> : IProductShape where TLayer : struct, IConvTranspose2DLayer
    {
        public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.InHeight * TLayer.InWidth; }
        public static int RowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
        public static int DepthStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.OutChannels * TLayer.Kernel * TLayer.Kernel; }
        public static ProductStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductStart.Zero; }
        public static bool Relu { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => false; }
    }

    // dW[Cin, K] (+)= x[Cin, P]·colᵀ[P, K].
    private readonly struct WeightGradientProduct<TLayer, TStart> : IProductShape
        where TLayer : struct, IConvTranspose2DLayer
        where TStart : struct, IStart
    {
        public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.OutChannels * TLayer.Kernel * TLayer.Kernel; }
        public static int RowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.InHeight * TLayer.InWidth; }
        public static int DepthStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
        public static ProductStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TStart.Value; }
        public static bool Relu { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => false; }
    }

    // dx[Cin, P] (+)= W[Cin, K]·col[K, P].
    private readonly struct InputGradientProduct<TLayer, TStart> : IProductShape
        where TLayer : struct, IConvTranspose2DLayer
        where TStart : struct, IStart
    {
        public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.InHeight * TLayer.InWidth; }
        public static int RowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.OutChannels * TLayer.Kernel * TLayer.Kernel; }
        public static int DepthStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
        public static ProductStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TStart.Value; }
        public static bool Relu { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => false; }
    }
}
