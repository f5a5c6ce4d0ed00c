using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// A fully connected layer <c>y = act(x·Wᵀ + b)</c> over a batch of rows. Its parameters are packed
/// as <c>Wᵀ [Inputs, Units]</c> then the bias: a forward row broadcasts one input and streams one
/// contiguous weight row, so no horizontal sums are needed. Every span is checked once per call;
/// after that the products run unchecked.
/// </summary>
public static class DenseNode
{
    /// <summary>Floats of <typeparamref name="TLayer"/>'s packed parameters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ParameterCount<TLayer>() where TLayer : struct, IDenseLayer =>
        TLayer.Inputs * TLayer.Units + (TLayer.HasBias ? TLayer.Units : 0);

    /// <summary>
    /// Draws the weights with <paramref name="initializer"/> (resolved against the layer's activation) in
    /// PyTorch's [Units, Inputs] order, so a seed means the same weights whatever the storage, packs them
    /// as Wᵀ, and zeroes the bias.
    /// </summary>
    public static void Initialize<TLayer>(Span<float> parameters, Initializer initializer, Random random) where TLayer : struct, IDenseLayer
    {
        ArgumentNullException.ThrowIfNull(random);
        int count = TLayer.Inputs * TLayer.Units;
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), "a dense layer", slack: false);
        float[] pytorchLayout = new float[count];
        WeightInitializer.Fill(pytorchLayout, fanIn: TLayer.Inputs, fanOut: TLayer.Units, initializer, TLayer.Activation, random);
        MatrixKernels.Transpose(pytorchLayout, TLayer.Units, TLayer.Inputs, parameters.Slice(0, count));
        if (TLayer.HasBias) parameters.Slice(count, TLayer.Units).Clear();
    }

    /// <summary>
    /// <c>outputs[rows, Units] = act(inputs[rows, Inputs]·Wᵀ + b)</c>. <paramref name="parameters"/>
    /// starts at the layer's weights and carries <see cref="BufferLayout.Slack"/>; <paramref name="outputs"/>
    /// needs none (nothing past <c>rows × Units</c> is touched), so a model's last layer writes straight into the caller's span.
    /// </summary>
    /// <remarks>
    /// Tiered like ordinary code (only the product blocks it calls are compiled optimized at once): this is
    /// checks and one call per product, and compiling it optimized for every layer on its first call was
    /// most of a model's first-step JIT time.
    /// </remarks>
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> inputs, ReadOnlySpan<float> parameters, Span<float> outputs, int rows)
        where TLayer : struct, IDenseLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        BufferLayout.Require(inputs.Length, (long)rows * TLayer.Inputs, nameof(inputs), "a dense layer", slack: false);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), "a dense layer");
        BufferLayout.Require(outputs.Length, (long)rows * TLayer.Units, nameof(outputs), "a dense layer", slack: false);
        ref float weights = ref MemoryMarshal.GetReference(parameters);
        ref float bias = ref Unsafe.Add(ref weights, TLayer.Inputs * TLayer.Units);
        ref float x = ref MemoryMarshal.GetReference(inputs), y = ref MemoryMarshal.GetReference(outputs);
        if (TLayer.HasBias) MatrixProduct.Run<ForwardProduct<TLayer, BiasStart>, TReg>(ref x, ref weights, ref bias, ref y, rows, TLayer.Inputs);
        else MatrixProduct.Run<ForwardProduct<TLayer, StoreStart>, TReg>(ref x, ref weights, ref bias, ref y, rows, TLayer.Inputs);
        // ReLU is fused into the product's stores; the exp-based activations run as a pass of their own over
        // outputs still in L1, since their code inlined at every store would exhaust the JIT's inlining budget.
        if (TLayer.Activation is not (Activation.Identity or Activation.Relu))
            Elementwise.Activate<TLayer, TReg>(outputs.Slice(0, rows * TLayer.Units));
    }

    /// <summary>
    /// Backward through the layer. <paramref name="outputGradient"/> holds dL/dy and is turned into
    /// dL/dz in place (through the activation's derivative, read from <paramref name="outputs"/>);
    /// then the weight and bias gradients overwrite <paramref name="parameterGradients"/> (laid out as
    /// the parameters), and the input gradient is stored into or added to <paramref name="inputGradient"/>
    /// as <paramref name="mode"/> says. <paramref name="weightScratch"/> receives W [Units, Inputs].
    /// </summary>
    public static void Backward<TLayer, TReg>(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, Span<float> outputGradient,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients,
        Span<float> inputGradient, GradientMode mode, Span<float> weightScratch, int rows)
        where TLayer : struct, IDenseLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        const string Node = "a dense layer";
        int inputs_ = TLayer.Inputs, units = TLayer.Units;
        BufferLayout.Require(inputs.Length, (long)rows * inputs_, nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, (long)rows * units, nameof(outputs), Node, slack: false);
        BufferLayout.Require(outputGradient.Length, (long)rows * units, nameof(outputGradient), Node);
        BufferLayout.Require(parameters.Length, ParameterCount<TLayer>(), nameof(parameters), Node);
        BufferLayout.Require(parameterGradients.Length, ParameterCount<TLayer>(), nameof(parameterGradients), Node);
        if (mode != GradientMode.None)
        {
            BufferLayout.Require(inputGradient.Length, (long)rows * inputs_, nameof(inputGradient), Node);
            BufferLayout.Require(weightScratch.Length, (long)inputs_ * units, nameof(weightScratch), Node);
        }

        Span<float> dz = outputGradient.Slice(0, rows * units);
        Elementwise.ActivationBackward<TLayer, TReg>(outputs, dz);
        if (TLayer.HasBias)
            Elementwise.ColumnSums<TReg>(dz, rows, parameterGradients.Slice(inputs_ * units, units));

        // dWᵀ [Inputs, Units] = xᵀ·dz: A is the input read as its transpose, the depth is the batch.
        ref float dzRef = ref MemoryMarshal.GetReference(outputGradient);
        MatrixProduct.Run<WeightGradientProduct<TLayer>, TReg>(
            ref MemoryMarshal.GetReference(inputs), ref dzRef, ref dzRef, ref MemoryMarshal.GetReference(parameterGradients), inputs_, rows);
        if (mode == GradientMode.None) return;

        // dx [rows, Inputs] = dz·W, with W [Units, Inputs] transposed back from the packed Wᵀ.
        RegisterTranspose.Run<TReg>(ref MemoryMarshal.GetReference(parameters), inputs_, units, ref MemoryMarshal.GetReference(weightScratch));
        ref float w = ref MemoryMarshal.GetReference(weightScratch);
        ref float dx = ref MemoryMarshal.GetReference(inputGradient);
        if (mode == GradientMode.Store)
            MatrixProduct.Run<InputGradientProduct<TLayer, StoreStart>, TReg>(ref dzRef, ref w, ref w, ref dx, rows, units);
        else
            MatrixProduct.Run<InputGradientProduct<TLayer, AccumulateStart>, TReg>(ref dzRef, ref w, ref w, ref dx, rows, units);
    }

    private readonly struct ForwardProduct<TLayer, TStart> : IProductShape
        where TLayer : struct, IDenseLayer
        where TStart : struct, IStart
    {
        public static int Columns => TLayer.Units;
        public static int RowStride => TLayer.Inputs;
        public static int DepthStride => 1;
        public static ProductStart Start => TStart.Value;
        public static bool Relu => TLayer.Activation == Activation.Relu;
    }

    private readonly struct WeightGradientProduct<TLayer> : IProductShape where TLayer : struct, IDenseLayer
    {
        public static int Columns => TLayer.Units;
        public static int RowStride => 1;
        public static int DepthStride => TLayer.Inputs;
        public static ProductStart Start => ProductStart.Zero;
        public static bool Relu => false;
    }

    private interface IStart
    {
        static abstract ProductStart Value { get; }
    }

    private readonly struct StoreStart : IStart
    {
        public static ProductStart Value => ProductStart.Zero;
    }

    private readonly struct BiasStart : IStart
    {
        public static ProductStart Value => ProductStart.Bias;
    }

    private readonly struct AccumulateStart : IStart
    {
        public static ProductStart Value => ProductStart.Accumulate;
    }

    private readonly struct InputGradientProduct<TLayer, TStart> : IProductShape
        where TLayer : struct, IDenseLayer
        where TStart : struct, IStart
    {
        public static int Columns => TLayer.Inputs;
        public static int RowStride => TLayer.Units;
        public static int DepthStride => 1;
        public static ProductStart Start => TStart.Value;
        public static bool Relu => false;
    }
}
