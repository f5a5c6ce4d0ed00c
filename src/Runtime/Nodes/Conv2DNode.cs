using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// A 2-D convolution with a fused activation, as PyTorch's Conv2d: inputs <c>[rows, InChannels, InHeight, InWidth]</c>,
/// outputs <c>[rows, OutChannels, OutHeight, OutWidth]</c>, parameters packed as PyTorch's weight
/// <c>[OutChannels, InChannels, KernelHeight, KernelWidth]</c> (= <c>W[OutChannels, K]</c> with
/// <c>K = InChannels·KernelHeight·KernelWidth</c>) then the bias. Each sample is lowered to one
/// register-blocked matrix product: its receptive fields are unrolled into
/// <c>col[K, P]</c> (im2col, <c>P = OutHeight·OutWidth</c>) in the scratch buffer, and
/// <c>y[OutChannels, P] = act(W·col + b)</c> runs on <see cref="MatrixProduct"/>, the bias
/// pre-stored in the outputs and ReLU fused into the product's stores.
/// </summary>
/// <remarks>
/// Every span is checked once per call, then the kernels run unchecked. The outputs, the output
/// gradient, the parameter gradients and the scratch carry <see cref="BufferLayout.Slack"/> (the
/// product's tail registers); the inputs, parameters, saved outputs and input gradient need none.
/// Reduction orders depend only on the shape, so results repeat run to run.
/// </remarks>
public static class Conv2DNode
{
    private const string Node = "a 2-D convolution";

    /// <summary>Floats of <typeparamref name="TLayer"/>'s packed parameters: the weight, then one bias per output channel.</summary>
    public static int ParameterCount<TLayer>() where TLayer : struct, IConv2DLayer =>
        TLayer.OutChannels * Depth<TLayer>() + (TLayer.HasBias ? TLayer.OutChannels : 0);

    /// <summary>
    /// Floats of per-call scratch <see cref="Forward{TLayer, TReg}"/>, <see cref="ForwardDirect{TLayer, TReg}"/> and
    /// <see cref="Backward{TLayer, TReg}"/> need: the larger of one sample's unrolled receptive fields (<c>K·P</c>)
    /// and the direct path's padded sample and output grid, plus <see cref="BufferLayout.Slack"/>.
    /// </summary>
    public static int ScratchLength<TLayer>() where TLayer : struct, IConv2DLayer =>
        Math.Max(Depth<TLayer>() * Positions<TLayer>(), DirectScratch<TLayer>()) + BufferLayout.Slack;

    // The direct path's scratch: the zero-bordered sample, then the output grid. Only stride 1 takes the path.
    private static int DirectScratch<TLayer>() where TLayer : struct, IConv2DLayer =>
        TLayer.Stride == 1 ? DirectConvolution.PaddedLength<TLayer>() + DirectConvolution.GridLength<TLayer>() : 0;

    /// <summary>
    /// Draws the weights with <paramref name="initializer"/> (resolved against the layer's activation)
    /// with PyTorch's fans, <c>fanIn = InChannels·kh·kw</c> and <c>fanOut = OutChannels·kh·kw</c>, in
    /// PyTorch's <c>[out, in, kh, kw]</c> order (which is the packed order), and zeroes the bias.
    /// </summary>
    public static void Initialize<TLayer>(Span<float> parameters, Initializer initializer, Random random) where TLayer : struct, IConv2DLayer
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckShape<TLayer>();
        int weights = TLayer.OutChannels * Depth<TLayer>();
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        int window = TLayer.KernelHeight * TLayer.KernelWidth;
        WeightInitializer.Fill(parameters.Slice(0, weights), fanIn: TLayer.InChannels * window, fanOut: TLayer.OutChannels * window,
            initializer, TLayer.Activation, random);
        if (TLayer.HasBias) parameters.Slice(weights, TLayer.OutChannels).Clear();
    }

    /// <summary>
    /// <c>outputs[n] = act(W·im2col(inputs[n]) + b)</c> for each of the <paramref name="rows"/> samples.
    /// <paramref name="outputs"/> and <paramref name="scratch"/> (<see cref="ScratchLength{TLayer}"/> floats) carry the slack.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = InputSize<TLayer>(), outSize = OutputSize<TLayer>(), depth = Depth<TLayer>();
        BufferLayout.Require(inputs.Length, (long)rows * inSize, nameof(inputs), Node, slack: false);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * outSize, nameof(outputs), Node);
        BufferLayout.Require(scratch.Length, (long)depth * Positions<TLayer>(), nameof(scratch), Node);

        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float bias = ref Unsafe.Add(ref w, TLayer.OutChannels * depth);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float col = ref MemoryMarshal.GetReference(scratch);
        for (int n = 0; n < rows; n++)
        {
            ref float yn = ref Unsafe.Add(ref y, n * outSize);
            Im2Col<TLayer>(ref Unsafe.Add(ref x, n * inSize), ref col);
            // y[Cout, P] (= b per row) += W[Cout, K]·col[K, P]: the bias is per row of C, so it is stored
            // first and the product accumulates onto it, with ReLU applied in registers before the store.
            if (TLayer.HasBias)
            {
                FillRows<TLayer, TReg>(ref bias, ref yn);
                MatrixProduct.Run<ForwardProduct<TLayer, AccumulateStart>, TReg>(ref w, ref col, ref col, ref yn, TLayer.OutChannels, depth);
            }
            else
            {
                MatrixProduct.Run<ForwardProduct<TLayer, ZeroStart>, TReg>(ref w, ref col, ref col, ref yn, TLayer.OutChannels, depth);
            }
        }
        // The exp-based activations run as a pass of their own, as in the dense node.
        if (TLayer.Activation is not (Activation.Identity or Activation.Relu))
            Elementwise.Activate<TLayer, TReg>(outputs.Slice(0, rows * outSize));
    }

    /// <summary>
    /// The same outputs as <see cref="Forward{TLayer, TReg}"/> by the direct convolution (stride 1 only): no
    /// im2col, each kernel tap a shifted view of the zero-bordered sample (<see cref="DirectConvolution"/>).
    /// The generator takes this path for a layer with stride 1 whose padded width is at most 1.5× its output
    /// width (see docs/generator.md for the benchmark behind the rule); the results equal the im2col path's
    /// up to the order of the sums (the taps are summed in the same order, the bias first instead of last).
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it), or the stride is not 1.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardDirect<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, Span<float> scratch, int rows)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        if (TLayer.Stride != 1) throw new ArgumentException($"{typeof(TLayer).Name} has stride {TLayer.Stride}; the direct convolution needs stride 1.", "TLayer");
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = InputSize<TLayer>(), outSize = OutputSize<TLayer>();
        BufferLayout.Require(inputs.Length, (long)rows * inSize, nameof(inputs), Node, slack: false);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * outSize, nameof(outputs), Node, slack: false);
        BufferLayout.Require(scratch.Length, DirectScratch<TLayer>(), nameof(scratch), Node, slack: false);

        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float bias = ref Unsafe.Add(ref w, TLayer.OutChannels * Depth<TLayer>());
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float padded = ref MemoryMarshal.GetReference(scratch);
        ref float grid = ref Unsafe.Add(ref padded, DirectConvolution.PaddedLength<TLayer>());
        // The borders stay zero across samples: each sample overwrites only the interior.
        DirectConvolution.ClearPadded<TLayer>(ref padded);
        for (int n = 0; n < rows; n++)
        {
            DirectConvolution.CopySample<TLayer>(ref Unsafe.Add(ref x, n * inSize), ref padded);
            DirectConvolution.Run<TLayer, TReg>(ref w, ref bias, ref padded, ref grid);
            DirectConvolution.CopyOut<TLayer>(ref grid, ref Unsafe.Add(ref y, n * outSize));
        }
        if (TLayer.Activation is not (Activation.Identity or Activation.Relu))
            Elementwise.Activate<TLayer, TReg>(outputs.Slice(0, rows * outSize));
    }

    /// <summary>
    /// Backward through the layer. <paramref name="outputGradient"/> holds dL/dy and is turned into
    /// dL/dz in place (through the activation's derivative, read from <paramref name="outputs"/>).
    /// The weight gradient <c>Σₙ dzₙ[Cout, P]·colₙᵀ[P, K]</c> and the bias gradient <c>Σₙ Σₚ dzₙ</c>
    /// overwrite <paramref name="parameterGradients"/> (laid out as the parameters); the input gradient,
    /// col2im of <c>Wᵀ·dzₙ</c>, is stored into or added to <paramref name="inputGradient"/> as
    /// <paramref name="mode"/> says (not touched for <see cref="GradientMode.None"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients,
        Span<float> inputGradient, GradientMode mode, Span<float> scratch, int rows)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        CheckShape<TLayer>();
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int inSize = InputSize<TLayer>(), outSize = OutputSize<TLayer>(), depth = Depth<TLayer>();
        int positions = Positions<TLayer>(), channels = TLayer.OutChannels;
        BufferLayout.Require(inputs.Length, (long)rows * inSize, nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * outSize, nameof(outputs), Node, slack: false);
        BufferLayout.Require(outputGradient.Length, (long)rows * outSize, nameof(outputGradient), Node);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        BufferLayout.Require(parameterGradients.Length, ParameterCount<TLayer>(), nameof(parameterGradients), Node);
        if (mode != GradientMode.None)
            BufferLayout.Require(inputGradient.Length, (long)rows * inSize, nameof(inputGradient), Node, slack: false);
        BufferLayout.Require(scratch.Length, (long)depth * positions, nameof(scratch), Node);

        Elementwise.ActivationBackward<TLayer, TReg>(outputs, outputGradient.Slice(0, rows * outSize));
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float dz = ref MemoryMarshal.GetReference(outputGradient);
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float dw = ref MemoryMarshal.GetReference(parameterGradients);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        ref float buffer = ref MemoryMarshal.GetReference(scratch);

        // The bias gradient first: the weight product's masked tail stores blend into the floats after
        // the weights, which then already hold their final values.
        if (TLayer.HasBias) BiasGradient<TLayer, TReg>(ref dz, ref Unsafe.Add(ref dw, channels * depth), rows);
        if (rows == 0) parameterGradients.Slice(0, channels * depth).Clear();

        for (int n = 0; n < rows; n++)
        {
            ref float dzn = ref Unsafe.Add(ref dz, n * outSize);
            ref float xn = ref Unsafe.Add(ref x, n * inSize);
            // dW[Cout, K] (+)= dzₙ[Cout, P]·colₙᵀ[P, K], colᵀ unrolled straight into the scratch.
            Im2ColTransposed<TLayer>(ref xn, ref buffer);
            if (n == 0) MatrixProduct.Run<WeightGradientProduct<TLayer, ZeroStart>, TReg>(ref dzn, ref buffer, ref buffer, ref dw, channels, positions);
            else MatrixProduct.Run<WeightGradientProduct<TLayer, AccumulateStart>, TReg>(ref dzn, ref buffer, ref buffer, ref dw, channels, positions);
            if (mode == GradientMode.None) continue;

            // dcol[K, P] = Wᵀ·dzₙ (W read as its transpose), then scattered back onto the input positions.
            MatrixProduct.Run<InputGradientProduct<TLayer>, TReg>(ref w, ref dzn, ref dzn, ref buffer, depth, channels);
            ref float dxn = ref Unsafe.Add(ref dx, n * inSize);
            if (mode == GradientMode.Store) inputGradient.Slice(n * inSize, inSize).Clear();
            Col2ImAdd<TLayer, TReg>(ref buffer, ref dxn);
        }
    }

    private static int Depth<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.InChannels * TLayer.KernelHeight * TLayer.KernelWidth;

    private static int Positions<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.OutHeight * TLayer.OutWidth;

    private static int InputSize<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.InChannels * TLayer.InHeight * TLayer.InWidth;

    private static int OutputSize<TLayer>() where TLayer : struct, IConv2DLayer => TLayer.OutChannels * Positions<TLayer>();

    // Every operand is a constant of the shape, so for a consistent shape the JIT drops the check.
    private static void CheckShape<TLayer>() where TLayer : struct, IConv2DLayer
    {
        if (TLayer.InChannels <= 0 || TLayer.OutChannels <= 0 || TLayer.KernelHeight <= 0 || TLayer.KernelWidth <= 0
            || TLayer.Stride <= 0 || TLayer.Padding < 0
            || TLayer.InHeight + 2 * TLayer.Padding < TLayer.KernelHeight || TLayer.InWidth + 2 * TLayer.Padding < TLayer.KernelWidth
            || TLayer.OutHeight != (TLayer.InHeight + 2 * TLayer.Padding - TLayer.KernelHeight) / TLayer.Stride + 1
            || TLayer.OutWidth != (TLayer.InWidth + 2 * TLayer.Padding - TLayer.KernelWidth) / TLayer.Stride + 1)
            ThrowShape(typeof(TLayer));
    }

    private static void ThrowShape(Type layer) =>
        throw new ArgumentException(
            $"{layer.Name} is not a consistent convolution: channels, kernel and stride must be positive, padding non-negative, the kernel no larger than the padded input, and OutHeight/OutWidth = (In + 2·Padding − Kernel) / Stride + 1.",
            "TLayer");

    // The columns j of kernel row `kernelColumn` whose input column ow·Stride − Padding + j lies inside the image: [first, end).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int First, int End) InsideColumns<TLayer>(int kernelColumn) where TLayer : struct, IConv2DLayer
    {
        int s = TLayer.Stride, offset = TLayer.Padding - kernelColumn;
        int first = offset > 0 ? (offset + s - 1) / s : 0;
        int last = TLayer.InWidth - 1 + offset;
        int end = last < 0 ? 0 : Math.Min(TLayer.OutWidth, last / s + 1);
        return (first, Math.Max(first, end));
    }

    // col[(c·kh + i)·kw + j, oh·OW + ow] = x[c, oh·s − pad + i, ow·s − pad + j], zero outside the image:
    // each row of col is OutHeight runs of OutWidth floats, copied (stride 1) or gathered, with zeros at the edges.
    private static void Im2Col<TLayer>(ref float x, ref float col) where TLayer : struct, IConv2DLayer
    {
        int s = TLayer.Stride, pad = TLayer.Padding, height = TLayer.InHeight, width = TLayer.InWidth;
        int outHeight = TLayer.OutHeight, outWidth = TLayer.OutWidth;
        ref float row = ref col;
        for (int c = 0; c < TLayer.InChannels; c++)
        {
            ref float plane = ref Unsafe.Add(ref x, c * height * width);
            for (int i = 0; i < TLayer.KernelHeight; i++)
            {
                for (int j = 0; j < TLayer.KernelWidth; j++)
                {
                    (int first, int end) = InsideColumns<TLayer>(j);
                    for (int oh = 0; oh < outHeight; oh++)
                    {
                        ref float run = ref Unsafe.Add(ref row, oh * outWidth);
                        int ih = oh * s - pad + i;
                        if ((uint)ih >= (uint)height)
                        {
                            Clear(ref run, outWidth);
                            continue;
                        }
                        Clear(ref run, first);
                        ref float source = ref Unsafe.Add(ref plane, ih * width + first * s - pad + j);
                        if (s == 1)
                        {
                            Unsafe.CopyBlockUnaligned(
                                ref Unsafe.As<float, byte>(ref Unsafe.Add(ref run, first)), ref Unsafe.As<float, byte>(ref source), (uint)(end - first) * sizeof(float));
                        }
                        else
                        {
                            for (int ow = first; ow < end; ow++) Unsafe.Add(ref run, ow) = Unsafe.Add(ref source, (ow - first) * s);
                        }
                        Clear(ref Unsafe.Add(ref run, end), outWidth - end);
                    }
                    row = ref Unsafe.Add(ref row, outHeight * outWidth);
                }
            }
        }
    }

    // colᵀ[oh·OW + ow, (c·kh + i)·kw + j], the same values as Im2Col laid out for the weight gradient's product.
    private static void Im2ColTransposed<TLayer>(ref float x, ref float colT) where TLayer : struct, IConv2DLayer
    {
        int s = TLayer.Stride, pad = TLayer.Padding, height = TLayer.InHeight, width = TLayer.InWidth;
        int kernelHeight = TLayer.KernelHeight, kernelWidth = TLayer.KernelWidth;
        ref float row = ref colT;
        for (int oh = 0; oh < TLayer.OutHeight; oh++)
        {
            for (int ow = 0; ow < TLayer.OutWidth; ow++)
            {
                int left = ow * s - pad;
                ref float segment = ref row;
                for (int c = 0; c < TLayer.InChannels; c++)
                {
                    ref float plane = ref Unsafe.Add(ref x, c * height * width);
                    for (int i = 0; i < kernelHeight; i++)
                    {
                        int ih = oh * s - pad + i;
                        if ((uint)ih >= (uint)height)
                        {
                            Clear(ref segment, kernelWidth);
                        }
                        else
                        {
                            ref float source = ref Unsafe.Add(ref plane, ih * width);
                            for (int j = 0; j < kernelWidth; j++)
                            {
                                int iw = left + j;
                                Unsafe.Add(ref segment, j) = (uint)iw < (uint)width ? Unsafe.Add(ref source, iw) : 0f;
                            }
                        }
                        segment = ref Unsafe.Add(ref segment, kernelWidth);
                    }
                }
                row = ref Unsafe.Add(ref row, Depth<TLayer>());
            }
        }
    }

    // dx[c, oh·s − pad + i, ow·s − pad + j] += dcol[(c·kh + i)·kw + j, oh·OW + ow] over the positions inside the image:
    // at stride 1 each run is a contiguous register-wide add.
    private static void Col2ImAdd<TLayer, TReg>(ref float dcol, ref float dx)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int s = TLayer.Stride, pad = TLayer.Padding, height = TLayer.InHeight, width = TLayer.InWidth;
        int outHeight = TLayer.OutHeight, outWidth = TLayer.OutWidth;
        ref float row = ref dcol;
        for (int c = 0; c < TLayer.InChannels; c++)
        {
            ref float plane = ref Unsafe.Add(ref dx, c * height * width);
            for (int i = 0; i < TLayer.KernelHeight; i++)
            {
                for (int j = 0; j < TLayer.KernelWidth; j++)
                {
                    (int first, int end) = InsideColumns<TLayer>(j);
                    for (int oh = 0; oh < outHeight; oh++)
                    {
                        int ih = oh * s - pad + i;
                        if ((uint)ih >= (uint)height) continue;
                        ref float source = ref Unsafe.Add(ref row, oh * outWidth + first);
                        ref float target = ref Unsafe.Add(ref plane, ih * width + first * s - pad + j);
                        if (s == 1) AddInto<TReg>(ref target, ref source, end - first);
                        else
                        {
                            for (int ow = 0; ow < end - first; ow++) Unsafe.Add(ref target, ow * s) += Unsafe.Add(ref source, ow);
                        }
                    }
                    row = ref Unsafe.Add(ref row, outHeight * outWidth);
                }
            }
        }
    }

    // y[co, p] = b[co] for every position of one sample: whole registers, then single floats, nothing past the sample.
    private static void FillRows<TLayer, TReg>(ref float bias, ref float y)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int positions = Positions<TLayer>();
        for (int co = 0; co < TLayer.OutChannels; co++)
        {
            float value = Unsafe.Add(ref bias, co);
            TReg broadcast = TReg.Broadcast(value);
            ref float row = ref Unsafe.Add(ref y, co * positions);
            int p = 0;
            for (; p + TReg.Count <= positions; p += TReg.Count) TReg.Store(broadcast, ref row, (nuint)p);
            for (; p < positions; p++) Unsafe.Add(ref row, p) = value;
        }
    }

    // db[co] = Σₙ Σₚ dz[n, co, p]: each sample's run summed in registers (then its lanes in a fixed order), samples added in order.
    private static void BiasGradient<TLayer, TReg>(ref float dz, ref float db, int rows)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int positions = Positions<TLayer>(), outSize = OutputSize<TLayer>();
        for (int co = 0; co < TLayer.OutChannels; co++)
        {
            float total = 0;
            for (int n = 0; n < rows; n++)
            {
                ref float run = ref Unsafe.Add(ref dz, n * outSize + co * positions);
                TReg sum = TReg.Zero;
                int p = 0;
                for (; p + TReg.Count <= positions; p += TReg.Count) sum += TReg.Load(ref run, (nuint)p);
                float tail = 0;
                for (; p < positions; p++) tail += Unsafe.Add(ref run, p);
                total += TReg.Sum(sum) + tail;
            }
            Unsafe.Add(ref db, co) = total;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInto<TReg>(ref float target, ref float source, int length) where TReg : struct, IFloatRegister<TReg>
    {
        int k = 0;
        for (; k + TReg.Count <= length; k += TReg.Count)
            TReg.Store(TReg.Load(ref target, (nuint)k) + TReg.Load(ref source, (nuint)k), ref target, (nuint)k);
        for (; k < length; k++) Unsafe.Add(ref target, k) += Unsafe.Add(ref source, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Clear(ref float start, int length)
    {
        if (length > 0) Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref start), 0, (uint)length * sizeof(float));
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


    // the JIT leaves as a call inside a block's loop makes it keep every accumulator on the stack (measured 3-4x slower).

    // y[Cout, P] = W[Cout, K]·col[K, P].
    private readonly struct ForwardProduct<TLayer, TStart> : IProductShape
        where TLayer : struct, IConv2DLayer
        where TStart : struct, IStart
    {
        public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.OutHeight * TLayer.OutWidth; }
        public static int RowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.InChannels * TLayer.KernelHeight * TLayer.KernelWidth; }
        public static int DepthStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
        public static ProductStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TStart.Value; }
        public static bool Relu { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.Activation == Activation.Relu; }
    }

    // dW[Cout, K] (+)= dz[Cout, P]·colᵀ[P, K].
    private readonly struct WeightGradientProduct<TLayer, TStart> : IProductShape
        where TLayer : struct, IConv2DLayer
        where TStart : struct, IStart
    {
        public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.InChannels * TLayer.KernelHeight * TLayer.KernelWidth; }
        public static int RowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.OutHeight * TLayer.OutWidth; }
        public static int DepthStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
        public static ProductStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TStart.Value; }
        public static bool Relu { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => false; }
    }

    // dcol[K, P] = Wᵀ[K, Cout]·dz[Cout, P], A = W read as its transpose.
    private readonly struct InputGradientProduct<TLayer> : IProductShape where TLayer : struct, IConv2DLayer
    {
        public static int Columns { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.OutHeight * TLayer.OutWidth; }
        public static int RowStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => 1; }
        public static int DepthStride { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TLayer.InChannels * TLayer.KernelHeight * TLayer.KernelWidth; }
        public static ProductStart Start { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => ProductStart.Zero; }
        public static bool Relu { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => false; }
    }
}
