using System.Reflection;
using Specialized.Kernels;
using Specialized.Nodes;
using static Specialized.Tests.Nodes.NodeBuffers;
using SmallPool = Specialized.Tests.Nodes.PoolShape<Specialized.Tests.Nodes.N2, Specialized.Tests.Nodes.N5, Specialized.Tests.Nodes.N7, Specialized.Tests.Nodes.N2, Specialized.Tests.Nodes.N2, Specialized.Tests.Nodes.N0>;

namespace Specialized.Tests.Nodes;

/// <summary>
/// Max, average and global average pooling on every register width against double-precision
/// references of PyTorch's MaxPool2d, AvgPool2d (count_include_pad, floor mode) and
/// AdaptiveAvgPool2d(1): windows that tile and windows that do not, strides 1 to 3, padding 0 to 2,
/// odd and non-square planes, ties, NaN and −∞, every gradient mode, sentinels after every buffer.
/// </summary>
public class PoolNodeTests
{
    /// <summary>"Channels,InHeight,InWidth,Kernel,Stride,Padding".</summary>
    public static TheoryData<string> PoolShapes() => new()
    {
        "8,8,8,2,2,0",   // digits CNN, first pool
        "16,4,4,2,2,0",  // digits CNN, second pool
        "6,28,28,2,2,0", // LeNet
        "3,7,9,3,2,1",   // odd, non-square, windows that do not tile, padding 1
        "2,11,13,3,1,1", // stride 1 padding 1 (inception's branch pool): overlapping windows
        "1,5,7,2,2,0",   // a remainder row and column dropped
        "2,6,5,4,2,2",   // padding 2
        "3,9,7,5,3,2",   // kernel 5, stride 3, padding 2
        "1,12,17,3,1,0", // stride 1 over more than a 512-bit register of columns
    };

    private static Type PoolShape(string dimensions) =>
        typeof(PoolShape<,,,,,>).MakeGenericType([.. dimensions.Split(',').Select(d => Constants.Size(int.Parse(d)))]);

    private static MethodInfo Method(string name) => typeof(PoolNodeTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    [Theory]
    [MemberData(nameof(PoolShapes))]
    public void Max_pool_matches_PyTorch_on_every_width_with_ties_NaN_and_every_gradient_mode(string dimensions)
    {
        Type shape = PoolShape(dimensions);
        foreach (Type register in Registers)
        {
            foreach (var (rows, mode, values) in Cases())
                Method(nameof(CheckMax)).MakeGenericMethod(shape, register).Invoke(null, [rows, mode, values]);
        }
    }

    [Theory]
    [MemberData(nameof(PoolShapes))]
    public void Average_pool_matches_PyTorch_on_every_width_in_every_gradient_mode(string dimensions)
    {
        Type shape = PoolShape(dimensions);
        foreach (Type register in Registers)
        {
            foreach (var (rows, mode, _) in Cases())
                Method(nameof(CheckAverage)).MakeGenericMethod(shape, register).Invoke(null, [rows, mode]);
        }
    }

    [Theory]
    [MemberData(nameof(PoolShapes))]
    public void Average_pool_gradient_agrees_with_central_differences(string dimensions)
    {
        Type shape = PoolShape(dimensions);
        foreach (Type register in Registers) Method(nameof(AverageFiniteDifferences)).MakeGenericMethod(shape, register).Invoke(null, [2]);
    }

    public enum Values { Random, Ties, Special }

    // Batch sizes with the gradient modes, and inputs: random, quantized to a few values (ties everywhere), or with NaN and −∞ sprinkled in.
    private static IEnumerable<(int Rows, GradientMode Mode, Values Values)> Cases() =>
    [
        (1, GradientMode.Store, Values.Random), (2, GradientMode.Add, Values.Ties), (3, GradientMode.None, Values.Random),
        (2, GradientMode.Store, Values.Special), (3, GradientMode.Add, Values.Ties),
    ];

    private static float[] Inputs(int length, Values values, int seed)
    {
        float[] x = WithSlack(length, seed);
        var random = new Random(seed + 100);
        for (int i = 0; i < length; i++)
        {
            if (values == Values.Ties) x[i] = MathF.Round(x[i] * 2) / 2;
            else if (values == Values.Special)
            {
                int draw = random.Next(10);
                if (draw == 0) x[i] = float.NaN;
                else if (draw == 1) x[i] = float.NegativeInfinity;
                else if (draw == 2) x[i] = -1;
            }
        }
        return x;
    }

    private static void CheckMax<TLayer, TReg>(int rows, GradientMode mode, Values values)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int channels = TLayer.Channels, height = TLayer.InHeight, width = TLayer.InWidth, k = TLayer.Kernel, s = TLayer.Stride, pad = TLayer.Padding;
        int outHeight = TLayer.OutHeight, outWidth = TLayer.OutWidth;
        int inSize = channels * height * width, outSize = channels * outHeight * outWidth;
        string name = $"{typeof(TReg).Name} max {channels}×{height}×{width} k{k} s{s} p{pad} rows {rows} {mode} {values}";
        Assert.Equal(rows * outSize, MaxPoolNode.SavedLength<TLayer>(rows));

        float[] x = Inputs(rows * inSize, values, 1), y = WithSlack(rows * outSize, 2), yInference = WithSlack(rows * outSize, 3), saved = WithSlack(rows * outSize, 4);
        MaxPoolNode.ForwardInference<TLayer, TReg>(x.AsSpan(0, rows * inSize), yInference.AsSpan(0, rows * outSize), rows);
        MaxPoolNode.ForwardTraining<TLayer, TReg>(x.AsSpan(0, rows * inSize), y.AsSpan(0, rows * outSize), saved.AsSpan(0, rows * outSize), rows);
        AssertSlackUntouched(y, rows * outSize, name + " outputs");
        AssertSlackUntouched(yInference, rows * outSize, name + " inference outputs");
        AssertSlackUntouched(saved, rows * outSize, name + " saved");

        // PyTorch's scan: max from −∞ at the window's first position inside the image; replace when greater or NaN.
        var chosen = new int[rows * outSize];
        for (int block = 0, o = 0; block < rows * channels; block++)
        for (int oh = 0; oh < outHeight; oh++)
        for (int ow = 0; ow < outWidth; ow++, o++)
        {
            int top = Math.Max(oh * s - pad, 0), bottom = Math.Min(oh * s - pad + k, height);
            int left = Math.Max(ow * s - pad, 0), right = Math.Min(ow * s - pad + k, width);
            double max = double.NegativeInfinity;
            int at = top * width + left;
            for (int ih = top; ih < bottom; ih++)
            for (int iw = left; iw < right; iw++)
            {
                double value = x[block * height * width + ih * width + iw];
                if (value > max || double.IsNaN(value))
                {
                    max = value;
                    at = ih * width + iw;
                }
            }
            chosen[o] = at;
            Assert.True(max.Equals((double)y[o]), $"{name} y[{o}]: expected {max}, got {y[o]}");
            Assert.True(max.Equals((double)yInference[o]), $"{name} inference y[{o}]: expected {max}, got {yInference[o]}");
            Assert.True(saved[o] == at, $"{name} saved[{o}]: expected {at}, got {saved[o]}");
        }

        float[] dy = WithSlack(rows * outSize, 5), dx = WithSlack(rows * inSize, 6), dxBefore = (float[])dx.Clone();
        MaxPoolNode.Backward<TLayer, TReg>(saved.AsSpan(0, rows * outSize), dy.AsSpan(0, rows * outSize), dx.AsSpan(0, rows * inSize), mode, rows);
        AssertSlackUntouched(dx, rows * inSize, name + " input gradient");
        var expected = new double[rows * inSize];
        if (mode == GradientMode.Add) for (int i = 0; i < expected.Length; i++) expected[i] = dxBefore[i];
        if (mode == GradientMode.None) for (int i = 0; i < expected.Length; i++) expected[i] = dxBefore[i];
        else
        {
            int planeOutputs = outHeight * outWidth;
            for (int o = 0; o < rows * outSize; o++) expected[o / planeOutputs * height * width + chosen[o]] += dy[o];
        }
        for (int i = 0; i < expected.Length; i++) Close(expected[i], Math.Abs(expected[i]) + 4, dx[i], $"{name} dx[{i}]");
    }

    private static void CheckAverage<TLayer, TReg>(int rows, GradientMode mode)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int channels = TLayer.Channels, height = TLayer.InHeight, width = TLayer.InWidth, k = TLayer.Kernel, s = TLayer.Stride, pad = TLayer.Padding;
        int outHeight = TLayer.OutHeight, outWidth = TLayer.OutWidth;
        int inSize = channels * height * width, outSize = channels * outHeight * outWidth;
        string name = $"{typeof(TReg).Name} average {channels}×{height}×{width} k{k} s{s} p{pad} rows {rows} {mode}";

        float[] x = WithSlack(rows * inSize, 1), y = WithSlack(rows * outSize, 2);
        AvgPoolNode.Forward<TLayer, TReg>(x.AsSpan(0, rows * inSize), y.AsSpan(0, rows * outSize), rows);
        AssertSlackUntouched(y, rows * outSize, name + " outputs");
        float[] dy = WithSlack(rows * outSize, 5), dx = WithSlack(rows * inSize, 6), dxBefore = (float[])dx.Clone();
        AvgPoolNode.Backward<TLayer, TReg>(dy.AsSpan(0, rows * outSize), dx.AsSpan(0, rows * inSize), mode, rows);
        AssertSlackUntouched(dx, rows * inSize, name + " input gradient");

        var expected = new double[rows * inSize];
        var magnitude = new double[rows * inSize];
        if (mode != GradientMode.Store) for (int i = 0; i < expected.Length; i++) magnitude[i] = Math.Abs(expected[i] = dxBefore[i]);
        for (int block = 0, o = 0; block < rows * channels; block++)
        for (int oh = 0; oh < outHeight; oh++)
        for (int ow = 0; ow < outWidth; ow++, o++)
        {
            // count_include_pad: the divisor is the window clipped to the padded input, k² in floor mode.
            int hStart = oh * s - pad, wStart = ow * s - pad;
            int divisor = (Math.Min(hStart + k, height + pad) - hStart) * (Math.Min(wStart + k, width + pad) - wStart);
            Assert.Equal(k * k, divisor);
            double sum = 0, absolute = 0;
            for (int ih = Math.Max(hStart, 0); ih < Math.Min(hStart + k, height); ih++)
            for (int iw = Math.Max(wStart, 0); iw < Math.Min(wStart + k, width); iw++)
            {
                int i = block * height * width + ih * width + iw;
                sum += x[i];
                absolute += Math.Abs(x[i]);
                if (mode == GradientMode.None) continue;
                expected[i] += (double)dy[o] / divisor;
                magnitude[i] += Math.Abs((double)dy[o] / divisor);
            }
            Close(sum / divisor, absolute / divisor, y[o], $"{name} y[{o}]");
        }
        for (int i = 0; i < expected.Length; i++) Close(expected[i], magnitude[i], dx[i], $"{name} dx[{i}]");
    }

    // L = Σ r ⊙ y is linear in x, so central differences are exact up to rounding: ≈1e-6/2e-2.
    private static void AverageFiniteDifferences<TLayer, TReg>(int rows)
        where TLayer : struct, IPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int inSize = TLayer.Channels * TLayer.InHeight * TLayer.InWidth, outSize = TLayer.Channels * TLayer.OutHeight * TLayer.OutWidth;
        float[] x = WithSlack(rows * inSize, 21), r = WithSlack(rows * outSize, 22), y = new float[rows * outSize], dx = new float[rows * inSize];
        double Loss()
        {
            AvgPoolNode.Forward<TLayer, TReg>(x.AsSpan(0, rows * inSize), y, rows);
            double loss = 0;
            for (int k = 0; k < y.Length; k++) loss += (double)r[k] * y[k];
            return loss;
        }
        AvgPoolNode.Backward<TLayer, TReg>(r.AsSpan(0, rows * outSize), dx, GradientMode.Store, rows);
        for (int k = 0; k < rows * inSize; k++)
        {
            float saved = x[k];
            x[k] = saved + 1e-2f;
            float up = x[k];
            double lossUp = Loss();
            x[k] = saved - 1e-2f;
            float down = x[k];
            double lossDown = Loss();
            x[k] = saved;
            double numeric = (lossUp - lossDown) / ((double)up - down);
            Assert.True(Math.Abs(numeric - dx[k]) <= 1e-3, $"{typeof(TReg).Name} {typeof(TLayer).Name} dx[{k}]: backward {dx[k]}, central difference {numeric}");
        }
    }

    public static TheoryData<int, int> GlobalShapes() => new() { { 1, 1 }, { 5, 9 }, { 12, 16 }, { 8, 17 }, { 3, 33 }, { 16, 100 } };

    [Theory]
    [MemberData(nameof(GlobalShapes))]
    public void Global_average_pool_matches_the_mean_on_every_width_in_every_gradient_mode(int channels, int spatial)
    {
        Type shape = typeof(GlobalPoolShape<,>).MakeGenericType(Constants.Size(channels), Constants.Size(spatial));
        foreach (Type register in Registers)
        {
            foreach (var (rows, mode, _) in Cases())
                Method(nameof(CheckGlobal)).MakeGenericMethod(shape, register).Invoke(null, [rows, mode]);
        }
    }

    private static void CheckGlobal<TLayer, TReg>(int rows, GradientMode mode)
        where TLayer : struct, IGlobalPoolLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int channels = TLayer.Channels, spatial = TLayer.Spatial;
        string name = $"{typeof(TReg).Name} global {channels}×{spatial} rows {rows} {mode}";
        float[] x = WithSlack(rows * channels * spatial, 1), y = WithSlack(rows * channels, 2);
        GlobalAvgPoolNode.Forward<TLayer, TReg>(x.AsSpan(0, rows * channels * spatial), y.AsSpan(0, rows * channels), rows);
        AssertSlackUntouched(y, rows * channels, name + " outputs");
        for (int c = 0; c < rows * channels; c++)
        {
            var run = x.AsSpan(c * spatial, spatial).ToArray();
            Close(run.Sum(v => (double)v) / spatial, run.Sum(v => Math.Abs((double)v)) / spatial, y[c], $"{name} y[{c}]");
        }

        float[] dy = WithSlack(rows * channels, 3), dx = WithSlack(rows * channels * spatial, 4), dxBefore = (float[])dx.Clone();
        GlobalAvgPoolNode.Backward<TLayer, TReg>(dy.AsSpan(0, rows * channels), dx.AsSpan(0, rows * channels * spatial), mode, rows);
        AssertSlackUntouched(dx, rows * channels * spatial, name + " input gradient");
        for (int i = 0; i < rows * channels * spatial; i++)
        {
            double expected = mode switch
            {
                GradientMode.None => dxBefore[i],
                GradientMode.Store => (double)dy[i / spatial] / spatial,
                _ => dxBefore[i] + (double)dy[i / spatial] / spatial,
            };
            Close(expected, Math.Abs(expected) + Math.Abs((double)dxBefore[i]), dx[i], $"{name} dx[{i}]");
        }
    }

    [Fact]
    public void Short_buffers_are_refused_naming_the_argument()
    {
        // 2 channels of 5×7, kernel 2 stride 2: 70 inputs and 2·2·3 = 12 outputs per sample.
        const int Rows = 2;
        float[] x = new float[Rows * 70], y = new float[Rows * 12], saved = new float[Rows * 12], dx = new float[Rows * 70];
        void Refused(string parameter, Action call) => Assert.Equal(parameter, Assert.Throws<ArgumentException>(call).ParamName);
        Refused("inputs", () => MaxPoolNode.ForwardInference<SmallPool, Float256>(x.AsSpan(1), y, Rows));
        Refused("outputs", () => MaxPoolNode.ForwardInference<SmallPool, Float256>(x, y.AsSpan(1), Rows));
        Refused("inputs", () => MaxPoolNode.ForwardTraining<SmallPool, Float256>(x.AsSpan(1), y, saved, Rows));
        Refused("outputs", () => MaxPoolNode.ForwardTraining<SmallPool, Float256>(x, y.AsSpan(1), saved, Rows));
        Refused("saved", () => MaxPoolNode.ForwardTraining<SmallPool, Float256>(x, y, saved.AsSpan(1), Rows));
        MaxPoolNode.ForwardTraining<SmallPool, Float256>(x, y, saved, Rows);
        Refused("saved", () => MaxPoolNode.Backward<SmallPool, Float256>(saved.AsSpan(1), y, dx, GradientMode.Store, Rows));
        Refused("outputGradient", () => MaxPoolNode.Backward<SmallPool, Float256>(saved, y.AsSpan(1), dx, GradientMode.Store, Rows));
        Refused("inputGradient", () => MaxPoolNode.Backward<SmallPool, Float256>(saved, y, dx.AsSpan(1), GradientMode.Add, Rows));
        MaxPoolNode.Backward<SmallPool, Float256>(saved, y, default, GradientMode.None, Rows);
        saved[3] = 70;
        Refused("saved", () => MaxPoolNode.Backward<SmallPool, Float256>(saved, y, dx, GradientMode.Store, Rows));

        Refused("inputs", () => AvgPoolNode.Forward<SmallPool, Float256>(x.AsSpan(1), y, Rows));
        Refused("outputs", () => AvgPoolNode.Forward<SmallPool, Float256>(x, y.AsSpan(1), Rows));
        Refused("outputGradient", () => AvgPoolNode.Backward<SmallPool, Float256>(y.AsSpan(1), dx, GradientMode.Store, Rows));
        Refused("inputGradient", () => AvgPoolNode.Backward<SmallPool, Float256>(y, dx.AsSpan(1), GradientMode.Store, Rows));
        AvgPoolNode.Backward<SmallPool, Float256>(y, default, GradientMode.None, Rows);

        Refused("inputs", () => GlobalAvgPoolNode.Forward<GlobalPoolShape<N2, N5>, Float256>(new float[19], new float[4], Rows));
        Refused("outputs", () => GlobalAvgPoolNode.Forward<GlobalPoolShape<N2, N5>, Float256>(new float[20], new float[3], Rows));
        Refused("outputGradient", () => GlobalAvgPoolNode.Backward<GlobalPoolShape<N2, N5>, Float256>(new float[3], new float[20], GradientMode.Add, Rows));
        Refused("inputGradient", () => GlobalAvgPoolNode.Backward<GlobalPoolShape<N2, N5>, Float256>(new float[4], new float[19], GradientMode.Store, Rows));
        GlobalAvgPoolNode.Backward<GlobalPoolShape<N2, N5>, Float256>(new float[4], default, GradientMode.None, Rows);
    }

    [Fact]
    public void A_pool_whose_output_size_is_not_floor_mode_or_whose_padding_exceeds_half_the_kernel_is_refused()
    {
        Assert.Equal("TLayer", Assert.Throws<ArgumentException>(() => MaxPoolNode.ForwardInference<PoolShape<N1, N4, N4, N2, N2, N2>, FloatScalar>(new float[16], new float[16], 1)).ParamName);
        Assert.Equal("TLayer", Assert.Throws<ArgumentException>(() => AvgPoolNode.Forward<PoolShape<N1, N4, N4, N3, N1, N2>, FloatScalar>(new float[16], new float[64], 1)).ParamName);
    }
}
