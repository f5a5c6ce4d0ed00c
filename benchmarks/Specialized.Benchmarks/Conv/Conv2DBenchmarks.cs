using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Benchmarks.Conv;

/// <summary>
/// <see cref="Conv2DNode"/> (im2col into scratch, then the register-blocked product; and forward, the direct
/// convolution of <see cref="Conv2DNode.ForwardDirect{TLayer, TReg}"/>) against a naive
/// seven-loop scalar convolution (the baseline) with the same weights and inputs, in the same run, on
/// the convolutions of the digits CNN and LeNet-5: forward, and backward with every gradient (the
/// input gradient skipped for a network's first layer, as a model skips it). Short job (one launch, the
/// default; 3 warm-ups, 3 iterations) on both vector-width jobs of <see cref="VectorWidthConfig"/>.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[WarmupCount(3), IterationCount(3)]
public class Conv2DBenchmarks
{
    /// <summary>
    /// The layer, named as in the network it comes from: Digits1 1×8×8 → 8@3×3 pad 1, Digits2 8×4×4 → 16@3×3 pad 1,
    /// LeNet1 1×28×28 → 6@5×5, LeNet2 6×12×12 → 16@5×5; all with bias and ReLU.
    /// </summary>
    [Params("Digits1", "Digits2", "LeNet1", "LeNet2")]
    public string Layer { get; set; } = "";

    /// <summary>Samples per call: one inference, or a training batch.</summary>
    [Params(1, 32)]
    public int Batch { get; set; }

    private IConvCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        _case = Layer switch
        {
            "Digits1" => new ConvCase<DigitsConv1>(Batch, GradientMode.None),
            "Digits2" => new ConvCase<DigitsConv2>(Batch, GradientMode.Store),
            "LeNet1" => new ConvCase<LeNetConv1>(Batch, GradientMode.None),
            "LeNet2" => new ConvCase<LeNetConv2>(Batch, GradientMode.Store),
            _ => throw new ArgumentException($"Unknown layer {Layer}."),
        };
        _case.Verify();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Forward")]
    public float NaiveForward() => _case.NaiveForward();

    [Benchmark, BenchmarkCategory("Forward")]
    public float NodeForward() => _case.Forward();

    [Benchmark, BenchmarkCategory("Forward")]
    public float DirectForward() => _case.DirectForward();

    [Benchmark(Baseline = true), BenchmarkCategory("Backward")]
    public float NaiveBackward() => _case.NaiveBackward();

    [Benchmark, BenchmarkCategory("Backward")]
    public float NodeBackward() => _case.Backward();
}

internal interface IConvCase
{
    float NaiveForward();
    float Forward();
    float DirectForward();
    float NaiveBackward();
    float Backward();
    void Verify();
}

internal sealed class ConvCase<TLayer> : IConvCase where TLayer : struct, IConv2DLayer
{
    private const int Slack = BufferLayout.Slack;
    private readonly int _rows;
    private readonly GradientMode _mode;
    private readonly float[] _inputs, _parameters, _outputs, _naiveOutputs, _outputGradient, _gradients, _naiveGradients, _inputGradient, _naiveInputGradient, _scratch;

    public ConvCase(int rows, GradientMode mode)
    {
        _rows = rows;
        _mode = mode;
        int inSize = rows * TLayer.InChannels * TLayer.InHeight * TLayer.InWidth;
        int outSize = rows * TLayer.OutChannels * TLayer.OutHeight * TLayer.OutWidth;
        int count = Conv2DNode.ParameterCount<TLayer>();
        var random = new Random(7);
        _inputs = Random(inSize, random);
        _parameters = new float[count];
        Conv2DNode.Initialize<TLayer>(_parameters, Initializer.Default, random);
        for (int i = count - TLayer.OutChannels; i < count; i++) _parameters[i] = (float)(random.NextDouble() * 0.2 - 0.1);
        _outputs = new float[outSize + Slack];
        _naiveOutputs = new float[outSize];
        _outputGradient = Random(outSize + Slack, random);
        _gradients = new float[count + Slack];
        _naiveGradients = new float[count];
        _inputGradient = new float[inSize];
        _naiveInputGradient = new float[inSize];
        _scratch = new float[Conv2DNode.ScratchLength<TLayer>()];
        // Backward reads the outputs of a forward pass; ReLU's dz = dy ⊙ [y > 0] is idempotent, so the
        // node's in-place dz can be fed back in every iteration without a copy.
        Forward();
        NaiveForward();
    }

    private static float[] Random(int length, Random random)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    private SimdWidth Width => SimdWidths.Best;

    public float Forward()
    {
        switch (Width)
        {
            case SimdWidth.Vector512: Conv2DNode.Forward<TLayer, Float512>(_inputs, _parameters, _outputs, _scratch, _rows); break;
            case SimdWidth.Vector256: Conv2DNode.Forward<TLayer, Float256>(_inputs, _parameters, _outputs, _scratch, _rows); break;
            case SimdWidth.Vector128: Conv2DNode.Forward<TLayer, Float128>(_inputs, _parameters, _outputs, _scratch, _rows); break;
            default: Conv2DNode.Forward<TLayer, FloatScalar>(_inputs, _parameters, _outputs, _scratch, _rows); break;
        }
        return _outputs[0];
    }

    public float DirectForward()
    {
        switch (Width)
        {
            case SimdWidth.Vector512: Conv2DNode.ForwardDirect<TLayer, Float512>(_inputs, _parameters, _outputs, _scratch, _rows); break;
            case SimdWidth.Vector256: Conv2DNode.ForwardDirect<TLayer, Float256>(_inputs, _parameters, _outputs, _scratch, _rows); break;
            case SimdWidth.Vector128: Conv2DNode.ForwardDirect<TLayer, Float128>(_inputs, _parameters, _outputs, _scratch, _rows); break;
            default: Conv2DNode.ForwardDirect<TLayer, FloatScalar>(_inputs, _parameters, _outputs, _scratch, _rows); break;
        }
        return _outputs[0];
    }

    public float Backward()
    {
        int outSize = _naiveOutputs.Length;
        ReadOnlySpan<float> y = _outputs.AsSpan(0, outSize);
        switch (Width)
        {
            case SimdWidth.Vector512: Conv2DNode.Backward<TLayer, Float512>(_inputs, y, _outputGradient, _parameters, _gradients, _inputGradient, _mode, _scratch, _rows); break;
            case SimdWidth.Vector256: Conv2DNode.Backward<TLayer, Float256>(_inputs, y, _outputGradient, _parameters, _gradients, _inputGradient, _mode, _scratch, _rows); break;
            case SimdWidth.Vector128: Conv2DNode.Backward<TLayer, Float128>(_inputs, y, _outputGradient, _parameters, _gradients, _inputGradient, _mode, _scratch, _rows); break;
            default: Conv2DNode.Backward<TLayer, FloatScalar>(_inputs, y, _outputGradient, _parameters, _gradients, _inputGradient, _mode, _scratch, _rows); break;
        }
        return _gradients[0];
    }

    // The textbook loops: batch, output channel, output row, output column, input channel, kernel row, kernel column.
    public float NaiveForward()
    {
        int cin = TLayer.InChannels, h = TLayer.InHeight, w = TLayer.InWidth, cout = TLayer.OutChannels;
        int kh = TLayer.KernelHeight, kw = TLayer.KernelWidth, s = TLayer.Stride, pad = TLayer.Padding, oh_ = TLayer.OutHeight, ow_ = TLayer.OutWidth;
        int weights = cout * cin * kh * kw;
        float[] x = _inputs, p = _parameters, y = _naiveOutputs;
        for (int n = 0; n < _rows; n++)
        for (int co = 0; co < cout; co++)
        for (int oh = 0; oh < oh_; oh++)
        for (int ow = 0; ow < ow_; ow++)
        {
            float z = TLayer.HasBias ? p[weights + co] : 0;
            for (int c = 0; c < cin; c++)
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            {
                int ih = oh * s - pad + i, iw = ow * s - pad + j;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                z += p[((co * cin + c) * kh + i) * kw + j] * x[((n * cin + c) * h + ih) * w + iw];
            }
            y[((n * cout + co) * oh_ + oh) * ow_ + ow] = MathF.Max(z, 0);
        }
        return y[0];
    }

    // The same seven loops, accumulating dW, db and (unless the layer is the network's first) dx.
    public float NaiveBackward()
    {
        int cin = TLayer.InChannels, h = TLayer.InHeight, w = TLayer.InWidth, cout = TLayer.OutChannels;
        int kh = TLayer.KernelHeight, kw = TLayer.KernelWidth, s = TLayer.Stride, pad = TLayer.Padding, oh_ = TLayer.OutHeight, ow_ = TLayer.OutWidth;
        int weights = cout * cin * kh * kw;
        float[] x = _inputs, p = _parameters, y = _naiveOutputs, dy = _outputGradient, g = _naiveGradients, dx = _naiveInputGradient;
        bool inputGradient = _mode != GradientMode.None;
        Array.Clear(g);
        if (inputGradient) Array.Clear(dx);
        for (int n = 0; n < _rows; n++)
        for (int co = 0; co < cout; co++)
        for (int oh = 0; oh < oh_; oh++)
        for (int ow = 0; ow < ow_; ow++)
        {
            int o = ((n * cout + co) * oh_ + oh) * ow_ + ow;
            float dz = y[o] > 0 ? dy[o] : 0;
            if (TLayer.HasBias) g[weights + co] += dz;
            for (int c = 0; c < cin; c++)
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            {
                int ih = oh * s - pad + i, iw = ow * s - pad + j;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                int wi = ((co * cin + c) * kh + i) * kw + j, xi = ((n * cin + c) * h + ih) * w + iw;
                g[wi] += dz * x[xi];
                if (inputGradient) dx[xi] += dz * p[wi];
            }
        }
        return g[0];
    }

    public void Verify()
    {
        Forward();
        NaiveForward();
        Compare(_naiveOutputs, _outputs, "output");
        Array.Clear(_outputs);
        DirectForward();
        Compare(_naiveOutputs, _outputs, "direct output");
        Backward();
        NaiveBackward();
        Compare(_naiveGradients, _gradients, "parameter gradient");
        if (_mode != GradientMode.None) Compare(_naiveInputGradient, _inputGradient, "input gradient");
    }

    private static void Compare(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > 1e-3f * (1 + Math.Abs(expected[i])))
                throw new InvalidOperationException($"{typeof(TLayer).Name} {what} {i}: naive {expected[i]}, node {actual[i]}.");
        }
    }
}

internal readonly struct DigitsConv1 : IConv2DLayer
{
    public static int InChannels => 1;
    public static int InHeight => 8;
    public static int InWidth => 8;
    public static int OutChannels => 8;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int Stride => 1;
    public static int Padding => 1;
    public static int OutHeight => 8;
    public static int OutWidth => 8;
    public static bool HasBias => true;
    public static Activation Activation => Activation.Relu;
}

internal readonly struct DigitsConv2 : IConv2DLayer
{
    public static int InChannels => 8;
    public static int InHeight => 4;
    public static int InWidth => 4;
    public static int OutChannels => 16;
    public static int KernelHeight => 3;
    public static int KernelWidth => 3;
    public static int Stride => 1;
    public static int Padding => 1;
    public static int OutHeight => 4;
    public static int OutWidth => 4;
    public static bool HasBias => true;
    public static Activation Activation => Activation.Relu;
}

internal readonly struct LeNetConv1 : IConv2DLayer
{
    public static int InChannels => 1;
    public static int InHeight => 28;
    public static int InWidth => 28;
    public static int OutChannels => 6;
    public static int KernelHeight => 5;
    public static int KernelWidth => 5;
    public static int Stride => 1;
    public static int Padding => 0;
    public static int OutHeight => 24;
    public static int OutWidth => 24;
    public static bool HasBias => true;
    public static Activation Activation => Activation.Relu;
}

internal readonly struct LeNetConv2 : IConv2DLayer
{
    public static int InChannels => 6;
    public static int InHeight => 12;
    public static int InWidth => 12;
    public static int OutChannels => 16;
    public static int KernelHeight => 5;
    public static int KernelWidth => 5;
    public static int Stride => 1;
    public static int Padding => 0;
    public static int OutHeight => 8;
    public static int OutWidth => 8;
    public static bool HasBias => true;
    public static Activation Activation => Activation.Relu;
}
