using System.Reflection;
using Specialized.Kernels;
using Specialized.Nodes;
using static Specialized.Tests.Nodes.NodeBuffers;
using SmallConv = Specialized.Tests.Nodes.Conv2DShape<Specialized.Tests.Nodes.N1, Specialized.Tests.Nodes.N8, Specialized.Tests.Nodes.N8, Specialized.Tests.Nodes.N2, Specialized.Tests.Nodes.N3, Specialized.Tests.Nodes.N3, Specialized.Tests.Nodes.N1, Specialized.Tests.Nodes.N0, Specialized.Tests.Nodes.A0, Specialized.Tests.Nodes.N1>;

namespace Specialized.Tests.Nodes;

/// <summary>
/// The convolution's forward and all three gradients on every register width against a
/// double-precision reference of PyTorch's Conv2d formulas (NCHW, weight [out, in, kh, kw], zero
/// padding, floor-mode output size), at odd and non-square sizes, strides 1 and 2, padding 0, 1 and 2,
/// 1×1 kernels, one and three input channels and batch sizes 1 to 3; every buffer exactly as long as
/// the kernel requires with sentinels in the slack. Central finite differences check the backward
/// pass against the forward pass itself.
/// </summary>
public class Conv2DNodeTests
{
    /// <summary>"InChannels,InHeight,InWidth,OutChannels,KernelHeight,KernelWidth,Stride,Padding".</summary>
    public static TheoryData<string, Activation, bool> Shapes() => new()
    {
        { "1,8,8,8,3,3,1,1", Activation.Relu, true },        // digits CNN, first convolution
        { "8,4,4,16,3,3,1,1", Activation.Relu, true },       // digits CNN, second convolution
        { "1,28,28,6,5,5,1,0", Activation.Relu, true },      // LeNet, first convolution
        { "6,12,12,16,5,5,1,0", Activation.Relu, true },     // LeNet, second convolution
        { "3,6,5,5,3,3,1,1", Activation.Relu, false },       // stride 1 without bias, 5 out (a 4-channel block and one)
        { "3,7,9,5,3,2,2,1", Activation.Tanh, true },        // odd, non-square input and kernel, stride 2
        { "3,9,7,4,5,3,2,2", Activation.Sigmoid, false },    // padding 2 with stride 2
        { "2,11,13,9,3,3,1,2", Activation.LeakyRelu, true }, // padding 2, 9 channels out (two 4-row blocks and one row)
        { "1,5,7,3,1,1,1,0", Activation.Identity, true },    // 1×1
        { "3,5,5,16,1,1,2,0", Activation.Identity, false },  // 1×1 stride 2: a residual projection
        { "1,12,10,7,5,4,1,0", Activation.Elu, true },       // 7 out, non-square kernel
        { "3,10,10,17,3,3,2,1", Activation.Relu, false },    // 17 out
    };

    private static Type Shape(string dimensions, Activation activation, bool bias)
    {
        Type[] arguments = [.. dimensions.Split(',').Select(d => Constants.Size(int.Parse(d))), Constants.Of(activation), Constants.Size(bias ? 1 : 0)];
        return typeof(Conv2DShape<,,,,,,,,,>).MakeGenericType(arguments);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_width_matches_the_reference_in_every_gradient_mode_and_writes_nothing_past_its_buffers(string dimensions, Activation activation, bool bias)
    {
        Type shape = Shape(dimensions, activation, bias);
        MethodInfo check = typeof(Conv2DNodeTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (Type register in Registers)
        {
            // One mode per batch size: Store, Add, None.
            check.MakeGenericMethod(shape, register).Invoke(null, [1, GradientMode.Store]);
            check.MakeGenericMethod(shape, register).Invoke(null, [2, GradientMode.Add]);
            check.MakeGenericMethod(shape, register).Invoke(null, [3, GradientMode.None]);
        }
    }

    // x[n, c, ih, iw] with zero padding.
    private static double Input<TLayer>(float[] x, int n, int c, int ih, int iw) where TLayer : struct, IConv2DLayer =>
        (uint)ih < (uint)TLayer.InHeight && (uint)iw < (uint)TLayer.InWidth
            ? x[((n * TLayer.InChannels + c) * TLayer.InHeight + ih) * TLayer.InWidth + iw] : 0;

    private static int Weight<TLayer>(int co, int c, int i, int j) where TLayer : struct, IConv2DLayer =>
        ((co * TLayer.InChannels + c) * TLayer.KernelHeight + i) * TLayer.KernelWidth + j;

    private static void Check<TLayer, TReg>(int rows, GradientMode mode)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int cin = TLayer.InChannels, cout = TLayer.OutChannels, kh = TLayer.KernelHeight, kw = TLayer.KernelWidth, s = TLayer.Stride, pad = TLayer.Padding;
        int oh_ = TLayer.OutHeight, ow_ = TLayer.OutWidth, positions = oh_ * ow_;
        int inSize = cin * TLayer.InHeight * TLayer.InWidth, outSize = cout * positions, count = Conv2DNode.ParameterCount<TLayer>();
        int weights = cout * cin * kh * kw;
        string name = $"{typeof(TReg).Name} {cin}×{TLayer.InHeight}×{TLayer.InWidth}→{cout}@{kh}×{kw} s{s} p{pad} {TLayer.Activation}{(TLayer.HasBias ? "" : " no bias")} rows {rows} {mode}";
        Assert.Equal(weights + (TLayer.HasBias ? cout : 0), count);

        float[] x = WithSlack(rows * inSize, 1), p = WithSlack(count, 2), y = WithSlack(rows * outSize, 3);
        float[] scratch = WithSlack(Conv2DNode.ScratchLength<TLayer>() - BufferLayout.Slack, 4);
        Conv2DNode.Forward<TLayer, TReg>(x.AsSpan(0, rows * inSize), p.AsSpan(0, count), y, scratch, rows);
        AssertSlackUntouched(y, rows * outSize, name + " outputs");
        // The direct kernel (stride 1 only) must give the same outputs, and write nothing past them.
        float[]? direct = null;
        if (s == 1)
        {
            direct = WithSlack(rows * outSize, 8);
            Conv2DNode.ForwardDirect<TLayer, TReg>(x.AsSpan(0, rows * inSize), p.AsSpan(0, count), direct.AsSpan(0, rows * outSize), scratch, rows);
            AssertSlackUntouched(direct, rows * outSize, name + " direct outputs");
        }
        for (int n = 0; n < rows; n++)
        for (int co = 0; co < cout; co++)
        for (int oh = 0; oh < oh_; oh++)
        for (int ow = 0; ow < ow_; ow++)
        {
            double z = TLayer.HasBias ? p[weights + co] : 0, magnitude = Math.Abs(z);
            for (int c = 0; c < cin; c++)
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            {
                double term = p[Weight<TLayer>(co, c, i, j)] * Input<TLayer>(x, n, c, oh * s - pad + i, ow * s - pad + j);
                z += term;
                magnitude += Math.Abs(term);
            }
            Close(Activate(TLayer.Activation, z), magnitude, y[(n * cout + co) * positions + oh * ow_ + ow], $"{name} y[{n},{co},{oh},{ow}]");
            if (direct is not null)
                Close(Activate(TLayer.Activation, z), magnitude, direct[(n * cout + co) * positions + oh * ow_ + ow], $"{name} direct y[{n},{co},{oh},{ow}]");
        }

        float[] dy = WithSlack(rows * outSize, 5), g = WithSlack(count, 6), dx = WithSlack(rows * inSize, 7);
        float[] dxBefore = (float[])dx.Clone();
        var dz = new double[rows * outSize];
        for (int k = 0; k < dz.Length; k++) dz[k] = dy[k] * Derivative(TLayer.Activation, y[k]);
        Conv2DNode.Backward<TLayer, TReg>(
            x.AsSpan(0, rows * inSize), y.AsSpan(0, rows * outSize), dy, p.AsSpan(0, count), g, dx.AsSpan(0, rows * inSize), mode, scratch, rows);
        AssertSlackUntouched(dy, rows * outSize, name + " output gradient");
        AssertSlackUntouched(g, count, name + " parameter gradients");
        AssertSlackUntouched(dx, rows * inSize, name + " input gradient");
        for (int k = 0; k < dz.Length; k++) Close(dz[k], Math.Abs(dz[k]), dy[k], $"{name} dz[{k}] (in place)");

        for (int co = 0; co < cout; co++)
        {
            for (int c = 0; c < cin; c++)
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            {
                double expected = 0, magnitude = 0;
                for (int n = 0; n < rows; n++)
                for (int oh = 0; oh < oh_; oh++)
                for (int ow = 0; ow < ow_; ow++)
                {
                    double term = dz[(n * cout + co) * positions + oh * ow_ + ow] * Input<TLayer>(x, n, c, oh * s - pad + i, ow * s - pad + j);
                    expected += term;
                    magnitude += Math.Abs(term);
                }
                Close(expected, magnitude, g[Weight<TLayer>(co, c, i, j)], $"{name} dW[{co},{c},{i},{j}]");
            }
            if (TLayer.HasBias)
            {
                double expected = 0, magnitude = 0;
                for (int n = 0; n < rows; n++)
                for (int q = 0; q < positions; q++)
                {
                    expected += dz[(n * cout + co) * positions + q];
                    magnitude += Math.Abs(dz[(n * cout + co) * positions + q]);
                }
                Close(expected, magnitude, g[weights + co], $"{name} db[{co}]");
            }
        }

        for (int n = 0; n < rows; n++)
        for (int c = 0; c < cin; c++)
        for (int ih = 0; ih < TLayer.InHeight; ih++)
        for (int iw = 0; iw < TLayer.InWidth; iw++)
        {
            int index = ((n * cin + c) * TLayer.InHeight + ih) * TLayer.InWidth + iw;
            if (mode == GradientMode.None)
            {
                Assert.True(dx[index] == dxBefore[index], $"{name} dx[{index}] was written with GradientMode.None");
                continue;
            }
            double expected = mode == GradientMode.Add ? dxBefore[index] : 0, magnitude = Math.Abs(expected);
            for (int co = 0; co < cout; co++)
            for (int i = 0; i < kh; i++)
            for (int j = 0; j < kw; j++)
            {
                int hs = ih + pad - i, ws = iw + pad - j;
                if (hs < 0 || ws < 0 || hs % s != 0 || ws % s != 0 || hs / s >= oh_ || ws / s >= ow_) continue;
                double term = dz[(n * cout + co) * positions + hs / s * ow_ + ws / s] * p[Weight<TLayer>(co, c, i, j)];
                expected += term;
                magnitude += Math.Abs(term);
            }
            Close(expected, magnitude, dx[index], $"{name} dx[{n},{c},{ih},{iw}] ({mode})");
        }
    }

    public static TheoryData<string, Activation, bool> SmoothShapes() => new()
    {
        { "3,7,9,5,3,2,2,1", Activation.Tanh, true },
        { "2,6,5,3,3,3,2,2", Activation.Sigmoid, true },
        { "1,5,7,4,3,3,1,1", Activation.Tanh, false },
    };

    [Theory]
    [MemberData(nameof(SmoothShapes))]
    public void Gradients_agree_with_central_differences_of_the_forward_pass_on_every_width(string dimensions, Activation activation, bool bias)
    {
        Type shape = Shape(dimensions, activation, bias);
        MethodInfo check = typeof(Conv2DNodeTests).GetMethod(nameof(FiniteDifferences), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (Type register in Registers) check.MakeGenericMethod(shape, register).Invoke(null, [2]);
    }

    // L = Σ r ⊙ y for a fixed random r, evaluated in double over the kernel's float outputs; its
    // gradients are the backward pass from dL/dy = r. Steps of 1e-2 leave a truncation error of
    // about 1e-4·|L'''| and a rounding error of about 1e-6/2e-2 = 5e-5, hence the tolerance.
    private static void FiniteDifferences<TLayer, TReg>(int rows)
        where TLayer : struct, IConv2DLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int inSize = TLayer.InChannels * TLayer.InHeight * TLayer.InWidth, outSize = TLayer.OutChannels * TLayer.OutHeight * TLayer.OutWidth;
        int count = Conv2DNode.ParameterCount<TLayer>();
        float[] x = WithSlack(rows * inSize, 11), p = WithSlack(count, 12), r = WithSlack(rows * outSize, 13);
        float[] y = new float[rows * outSize + BufferLayout.Slack], scratch = new float[Conv2DNode.ScratchLength<TLayer>()];
        double Loss()
        {
            Conv2DNode.Forward<TLayer, TReg>(x.AsSpan(0, rows * inSize), p.AsSpan(0, count), y, scratch, rows);
            double loss = 0;
            for (int k = 0; k < rows * outSize; k++) loss += (double)r[k] * y[k];
            return loss;
        }

        Loss();
        float[] dy = (float[])r.Clone(), g = new float[count + BufferLayout.Slack], dx = new float[rows * inSize];
        Conv2DNode.Backward<TLayer, TReg>(x.AsSpan(0, rows * inSize), y.AsSpan(0, rows * outSize), dy, p.AsSpan(0, count), g, dx, GradientMode.Store, scratch, rows);

        void Compare(float[] values, int length, float[] analytic, string what)
        {
            for (int k = 0; k < length; k++)
            {
                float saved = values[k];
                values[k] = saved + 1e-2f;
                float up = values[k];
                double lossUp = Loss();
                values[k] = saved - 1e-2f;
                float down = values[k];
                double lossDown = Loss();
                values[k] = saved;
                double numeric = (lossUp - lossDown) / ((double)up - down);
                Assert.True(Math.Abs(numeric - analytic[k]) <= 2e-3 + 1e-2 * Math.Abs(numeric),
                    $"{typeof(TReg).Name} {typeof(TLayer).Name} {what}[{k}]: backward {analytic[k]}, central difference {numeric}");
            }
        }

        Compare(p, count, g, TLayer.HasBias ? "weight, then bias," : "weight");
        Compare(x, rows * inSize, dx, "input");
    }

    [Fact]
    public void Parameters_follow_PyTorch_layout_fans_and_a_zero_bias()
    {
        // 3 in, 4 out, 5×2 kernel: fanIn = 3·10 = 30, fanOut = 4·10 = 40; Glorot uniform limit sqrt(6/70).
        var parameters = new float[Conv2DNode.ParameterCount<Conv2DShape<N3, N9, N9, N4, N5, N2, N1, N0, A4, N1>>()];
        Assert.Equal(4 * 3 * 5 * 2 + 4, parameters.Length);
        parameters.AsSpan().Fill(1f);
        Conv2DNode.Initialize<Conv2DShape<N3, N9, N9, N4, N5, N2, N1, N0, A4, N1>>(parameters, Initializer.GlorotUniform, new Random(3));
        double limit = Math.Sqrt(6.0 / 70);
        Assert.All(parameters.AsSpan(0, 120).ToArray(), w => Assert.InRange(w, -limit, limit));
        Assert.True(parameters.AsSpan(0, 120).ToArray().Max() > 0.8 * limit);
        Assert.All(parameters.AsSpan(120).ToArray(), b => Assert.Equal(0f, b));
        var expected = new float[120];
        WeightInitializer.Fill(expected, 30, 40, Initializer.GlorotUniform, Activation.Sigmoid, new Random(3));
        Assert.Equal(expected, parameters.AsSpan(0, 120).ToArray());
    }

    [Fact]
    public void The_direct_kernel_refuses_a_stride_other_than_one_and_a_short_scratch()
    {
        var x = new float[25];
        var p = new float[2 * 9 + 2];
        var y = new float[2 * 4 + BufferLayout.Slack];
        var scratch = new float[Conv2DNode.ScratchLength<Conv2DShape<N1, N5, N5, N2, N3, N3, N2, N0, A0, N1>>()];
        var error = Assert.Throws<ArgumentException>(() => Conv2DNode.ForwardDirect<Conv2DShape<N1, N5, N5, N2, N3, N3, N2, N0, A0, N1>, Float256>(x, p, y, scratch, 1));
        Assert.Contains("stride 1", error.Message);

        var small = new float[Conv2DNode.ScratchLength<SmallConv>()];
        var outputs = new float[72];
        Conv2DNode.ForwardDirect<SmallConv, Float256>(new float[64], p, outputs, small, 1);
        Assert.Equal("scratch", Assert.Throws<ArgumentException>(() => Conv2DNode.ForwardDirect<SmallConv, Float256>(new float[64], p, outputs, small.AsSpan(0, 10), 1)).ParamName);
    }

    [Fact]
    public void Buffers_without_the_slack_are_refused_naming_the_argument()
    {
        // 1×8×8 → 2@3×3 with bias: 64 inputs and 72 outputs per sample, K = 9, P = 36, 20 parameters.
        const int Rows = 2;
        var x = new float[Rows * 64];
        var p = new float[20];
        var y = new float[Rows * 72 + BufferLayout.Slack];
        var scratch = new float[Conv2DNode.ScratchLength<SmallConv>()];
        Assert.Equal(9 * 36 + BufferLayout.Slack, scratch.Length);
        Conv2DNode.Forward<SmallConv, Float256>(x, p, y, scratch, Rows);

        void Refused(string parameter, Action call) => Assert.Equal(parameter, Assert.Throws<ArgumentException>(call).ParamName);
        Refused("inputs", () => Conv2DNode.Forward<SmallConv, Float256>(x.AsSpan(1), p, y, scratch, Rows));
        Refused("parameters", () => Conv2DNode.Forward<SmallConv, Float256>(x, p.AsSpan(1), y, scratch, Rows));
        var error = Assert.Throws<ArgumentException>(() => Conv2DNode.Forward<SmallConv, Float256>(x, p, y.AsSpan(1), scratch, Rows));
        Assert.Equal("outputs", error.ParamName);
        Assert.Contains("needs 160 (144 + 16 slack)", error.Message);
        Refused("scratch", () => Conv2DNode.Forward<SmallConv, Float256>(x, p, y, scratch.AsSpan(1), Rows));

        var dy = new float[y.Length];
        var g = new float[20 + BufferLayout.Slack];
        var dx = new float[x.Length];
        Conv2DNode.Backward<SmallConv, Float256>(x, y.AsSpan(0, Rows * 72), dy, p, g, dx, GradientMode.Store, scratch, Rows);
        Conv2DNode.Backward<SmallConv, Float256>(x, y.AsSpan(0, Rows * 72), dy, p, g, default, GradientMode.None, scratch, Rows);
        Refused("inputs", () => Conv2DNode.Backward<SmallConv, Float256>(x.AsSpan(1), y, dy, p, g, dx, GradientMode.Store, scratch, Rows));
        Refused("outputs", () => Conv2DNode.Backward<SmallConv, Float256>(x, y.AsSpan(0, Rows * 72 - 1), dy, p, g, dx, GradientMode.Store, scratch, Rows));
        Refused("outputGradient", () => Conv2DNode.Backward<SmallConv, Float256>(x, y, dy.AsSpan(1), p, g, dx, GradientMode.Store, scratch, Rows));
        Refused("parameters", () => Conv2DNode.Backward<SmallConv, Float256>(x, y, dy, p.AsSpan(1), g, dx, GradientMode.Store, scratch, Rows));
        Refused("parameterGradients", () => Conv2DNode.Backward<SmallConv, Float256>(x, y, dy, p, g.AsSpan(1), dx, GradientMode.Store, scratch, Rows));
        Refused("inputGradient", () => Conv2DNode.Backward<SmallConv, Float256>(x, y, dy, p, g, dx.AsSpan(1), GradientMode.Add, scratch, Rows));
        Refused("scratch", () => Conv2DNode.Backward<SmallConv, Float256>(x, y, dy, p, g, dx, GradientMode.Store, scratch.AsSpan(1), Rows));
    }

    [Fact]
    public void A_shape_whose_output_size_is_not_floor_mode_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2DNode.Forward<InconsistentConv2DShape, FloatScalar>(
            new float[64], new float[20], new float[200], new float[200], 1));
        Assert.Equal("TLayer", error.ParamName);
    }
}
