using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

public sealed class BatchNormNodeTests
{
    // Float kernels against a double-precision reference: values are O(1) after normalization, so
    // 1e-4 relative (the fixtures' tolerance) plus 2e-5 absolute covers float rounding of a few
    // dozen operations and the vector paths' exp/tanh approximations.
    private const double Relative = 1e-4, Absolute = 2e-5;

    private static float[] RandomFloats(Random random, int count, double center, double spread) =>
        Enumerable.Range(0, count).Select(_ => (float)(center + spread * (random.NextDouble() * 2 - 1))).ToArray();

    private static float[] Parameters(Random random, int channels) =>
        [.. RandomFloats(random, channels, 1, 0.5), .. RandomFloats(random, channels, 0, 0.5)];

    private static float[] Buffers(Random random, int channels) =>
        [.. RandomFloats(random, channels, 0.5, 1), .. RandomFloats(random, channels, 1.5, 1)];

    private static void AssertClose(IReadOnlyList<double> expected, ReadOnlySpan<float> actual, string what, double relative = Relative, double absolute = Absolute)
    {
        for (int i = 0; i < expected.Count; i++)
        {
            double tolerance = absolute + relative * Math.Abs(expected[i]);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                $"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R} (tolerance {tolerance:G3}).");
        }
    }

    private static double[] ToDouble(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    public static TheoryData<int, int, int, Activation> ReferenceCases() => new()
    {
        // BatchNorm1d on [rows, C].
        { 1, 1, 2, Activation.Identity },
        { 5, 1, 3, Activation.Relu },
        { 17, 1, 7, Activation.Tanh },
        { 33, 1, 2, Activation.Sigmoid },
        // BatchNorm2d on [rows, C, H·W].
        { 3, 9, 2, Activation.Identity },
        { 4, 64, 3, Activation.Relu },
        { 16, 9, 7, Activation.Elu },
        { 1, 64, 2, Activation.LeakyRelu },
    };

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Inference_matches_the_PyTorch_eval_formula_on_every_width(int channels, int spatial, int rows, Activation activation)
    {
        IBatchNormHarness h = BatchNormHarness.For(channels, spatial, activation);
        var random = new Random(channels * 100 + spatial + rows);
        float[] x = RandomFloats(random, rows * channels * spatial, 0.5, 2);
        float[] p = Parameters(random, channels), buffers = Buffers(random, channels);
        double[] expected = BatchNormReference.Inference(h, x, p, buffers, rows);
        foreach (SimdWidth width in BatchNormHarness.Widths)
        {
            float[] y = new float[x.Length];
            h.Inference(width, x, p, buffers, y, rows);
            AssertClose(expected, y, $"{width} outputs");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Training_matches_PyTorch_outputs_running_statistics_and_batch_counter_on_every_width(int channels, int spatial, int rows, Activation activation)
    {
        IBatchNormHarness h = BatchNormHarness.For(channels, spatial, activation);
        CheckTraining(h, rows, seed: channels * 100 + spatial + rows);
    }

    [Theory]
    [InlineData(5, 1, 3)]
    [InlineData(3, 9, 2)]
    public void Training_reads_epsilon_and_momentum_from_the_shape(int channels, int spatial, int rows)
    {
        IBatchNormHarness h = BatchNormHarness.Custom(channels, spatial);
        Assert.Equal(0.3, h.Momentum, 6);
        CheckTraining(h, rows, seed: 7);
    }

    private static void CheckTraining(IBatchNormHarness h, int rows, int seed)
    {
        var random = new Random(seed);
        int channels = h.Channels;
        // A large common offset makes a one-pass E[x²] − E[x]² lose digits; the kernels must not.
        float[] x = RandomFloats(random, rows * channels * h.Spatial, 40, 3);
        float[] p = Parameters(random, channels), startBuffers = Buffers(random, channels);
        (double[] expected, double[] expectedBuffers) = BatchNormReference.Training(h, ToDouble(x), ToDouble(p), startBuffers, rows);
        foreach (SimdWidth width in BatchNormHarness.Widths)
        {
            float[] y = new float[x.Length], saved = new float[h.SavedLength(rows)], buffers = (float[])startBuffers.Clone();
            long tracked = 7;
            h.Training(width, x, p, buffers, ref tracked, y, saved, rows);
            AssertClose(expected, y, $"{width} outputs", absolute: 1e-4);
            AssertClose(expectedBuffers, buffers, $"{width} running statistics");
            Assert.Equal(8, tracked);
        }
    }

    public static TheoryData<int, int, int, Activation> GradientCases() => new()
    {
        { 1, 1, 2, Activation.Identity },
        { 5, 1, 3, Activation.Tanh },
        { 17, 1, 7, Activation.Elu },
        { 3, 9, 2, Activation.Tanh },
        { 4, 9, 3, Activation.Identity },
        { 5, 64, 2, Activation.Sigmoid },
    };

    // L = Σ w ⊙ y with fixed random w, so dL/dy = w; the derivatives of the double reference by
    // central differences (h = 1e-4: truncation ~1e-8, far below float rounding) against the kernel.
    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Backward_matches_central_finite_differences_for_input_weight_and_bias(int channels, int spatial, int rows, Activation activation)
    {
        IBatchNormHarness h = BatchNormHarness.For(channels, spatial, activation);
        var random = new Random(channels + spatial * 7 + rows * 31);
        int elements = rows * channels * spatial;
        float[] x = RandomFloats(random, elements, 0.3, 1.5), p = Parameters(random, channels);
        double[] w = RandomFloats(random, elements, 0, 1).Select(v => (double)v).ToArray();
        double[] xd = ToDouble(x), pd = ToDouble(p);
        float[] zeros = new float[2 * channels];

        double Loss(double[] xs, double[] ps)
        {
            double[] y = BatchNormReference.Training(h, xs, ps, zeros, rows).Outputs;
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += w[i] * y[i];
            return sum;
        }

        const double Step = 1e-4;
        double Derivative(double[] values, int i, Func<double> loss)
        {
            double keep = values[i];
            values[i] = keep + Step;
            double plus = loss();
            values[i] = keep - Step;
            double minus = loss();
            values[i] = keep;
            return (plus - minus) / (2 * Step);
        }

        double[] expectedDx = Enumerable.Range(0, elements).Select(i => Derivative(xd, i, () => Loss(xd, pd))).ToArray();
        double[] expectedDp = Enumerable.Range(0, 2 * channels).Select(i => Derivative(pd, i, () => Loss(xd, pd))).ToArray();
        // dx is a difference of O(|dz|) terms: its float error scales with the largest gradient, not with each element.
        double scale = Math.Max(1, expectedDx.Concat(expectedDp).Max(Math.Abs));

        foreach (SimdWidth width in BatchNormHarness.Widths)
        {
            float[] y = new float[elements], saved = new float[h.SavedLength(rows)], buffers = new float[2 * channels];
            long tracked = 0;
            h.Training(width, x, p, buffers, ref tracked, y, saved, rows);

            float[] dy = w.Select(v => (float)v).ToArray(), dp = new float[2 * channels], dx = new float[elements];
            h.Backward(width, y, dy, p, dp, saved, dx, GradientMode.Store, rows);
            AssertClose(expectedDx, dx, $"{width} input gradient", relative: 1e-4, absolute: 1e-4 * scale);
            AssertClose(expectedDp, dp, $"{width} weight and bias gradients", relative: 1e-4, absolute: 1e-4 * scale);

            // Add mode adds the same gradient onto what another consumer wrote.
            float[] dyAgain = w.Select(v => (float)v).ToArray(), dpAgain = new float[2 * channels];
            float[] accumulated = Enumerable.Range(0, elements).Select(i => (float)i).ToArray();
            h.Backward(width, y, dyAgain, p, dpAgain, saved, accumulated, GradientMode.Add, rows);
            AssertClose(Enumerable.Range(0, elements).Select(i => i + (double)dx[i]).ToArray(), accumulated, $"{width} accumulated input gradient", relative: 1e-6, absolute: 1e-5);
            Assert.Equal(dp, dpAgain);

            // None still writes dγ and dβ and leaves the input gradient alone.
            float[] dyNone = w.Select(v => (float)v).ToArray(), dpNone = new float[2 * channels], untouched = [42f];
            h.Backward(width, y, dyNone, p, dpNone, saved, untouched, GradientMode.None, rows);
            Assert.Equal(dp, dpNone);
            Assert.Equal(42f, untouched[0]);
        }
    }

    public static TheoryData<int, int, int> EdgeSizes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int channels in new[] { 1, 3, 4, 5, 16, 17, 33 })
            foreach (int spatial in new[] { 1, 9, 64 })
                foreach (int rows in new[] { 2, 3, 7 })
                    data.Add(channels, spatial, rows);
        return data;
    }

    // Every width against the scalar path. Vectors (spatial 1) reduce each channel in row order on
    // every width, images add per-sample register sums, so the widths differ by float rounding only:
    // 1e-5 of the largest value compared.
    [Theory]
    [MemberData(nameof(EdgeSizes))]
    public void Every_width_matches_the_scalar_path_at_edge_sizes(int channels, int spatial, int rows)
    {
        IBatchNormHarness h = BatchNormHarness.For(channels, spatial, Activation.Relu);
        var random = new Random(channels * 1000 + spatial * 10 + rows);
        int elements = rows * channels * spatial;
        float[] x = RandomFloats(random, elements, 2, 3), p = Parameters(random, channels), startBuffers = Buffers(random, channels);
        float[] dyStart = RandomFloats(random, elements, 0, 1);

        (float[] Inference, float[] Outputs, float[] Saved, float[] Buffers, float[] Dp, float[] Dx) Run(SimdWidth width)
        {
            float[] inference = new float[elements];
            h.Inference(width, x, p, startBuffers, inference, rows);
            float[] y = new float[elements], saved = new float[h.SavedLength(rows)], buffers = (float[])startBuffers.Clone();
            long tracked = 0;
            h.Training(width, x, p, buffers, ref tracked, y, saved, rows);
            float[] dy = (float[])dyStart.Clone(), dp = new float[2 * channels], dx = new float[elements];
            h.Backward(width, y, dy, p, dp, saved, dx, GradientMode.Store, rows);
            return (inference, y, saved, buffers, dp, dx);
        }

        var scalar = Run(SimdWidth.Scalar);
        foreach (SimdWidth width in BatchNormHarness.Widths)
        {
            var actual = Run(width);
            Compare(scalar.Inference, actual.Inference, $"{width} inference");
            Compare(scalar.Outputs, actual.Outputs, $"{width} training outputs");
            Compare(scalar.Saved, actual.Saved, $"{width} saved values");
            Compare(scalar.Buffers, actual.Buffers, $"{width} running statistics");
            Compare(scalar.Dp, actual.Dp, $"{width} parameter gradients");
            Compare(scalar.Dx, actual.Dx, $"{width} input gradient");
            if (spatial == 1)
            {
                // Vectors: each lane runs the scalar path's operations in the same order (ReLU is exact).
                Assert.Equal(scalar.Inference, actual.Inference);
                Assert.Equal(scalar.Outputs, actual.Outputs);
                Assert.Equal(scalar.Saved, actual.Saved);
                Assert.Equal(scalar.Buffers, actual.Buffers);
                Assert.Equal(scalar.Dp, actual.Dp);
                Assert.Equal(scalar.Dx, actual.Dx);
            }
        }

        static void Compare(float[] expected, float[] actual, string what)
        {
            double scale = Math.Max(1, expected.Max(Math.Abs));
            AssertClose(ToDouble(expected), actual, what, relative: 0, absolute: 1e-5 * scale);
        }
    }

    [Fact]
    public void Training_with_one_value_per_channel_throws_as_PyTorch_does()
    {
        IBatchNormHarness h = BatchNormHarness.For(3, 1, Activation.Identity);
        long tracked = 0;
        float[] x = new float[3], p = new float[6], buffers = new float[6], y = new float[3], saved = new float[h.SavedLength(1)];
        var error = Assert.Throws<ArgumentException>(() => h.Training(SimdWidth.Scalar, x, p, buffers, ref tracked, y, saved, 1));
        Assert.Contains("Expected more than 1 value per channel when training", error.Message);
        Assert.Equal(0, tracked);

        // One sample of an image has Spatial values per channel: allowed.
        IBatchNormHarness image = BatchNormHarness.For(3, 9, Activation.Identity);
        float[] xi = new float[27], yi = new float[27], savedImage = new float[image.SavedLength(1)];
        image.Training(SimdWidth.Scalar, xi, p, buffers, ref tracked, yi, savedImage, 1);
        Assert.Equal(1, tracked);
    }

    [Fact]
    public void Short_spans_throw_naming_the_argument_and_the_size()
    {
        IBatchNormHarness h = BatchNormHarness.For(5, 9, Activation.Relu);
        const int Rows = 3, Elements = Rows * 5 * 9;
        int savedLength = h.SavedLength(Rows);
        Assert.Equal(Elements + 5, savedLength);
        float[] F(int n) => new float[n];
        long tracked = 0;

        void Expect(string name, Action action)
        {
            var error = Assert.Throws<ArgumentException>(action);
            Assert.Equal(name, error.ParamName);
            Assert.Contains("batch-norm", error.Message);
        }

        Expect("inputs", () => h.Inference(SimdWidth.Vector256, F(Elements - 1), F(10), F(10), F(Elements), Rows));
        Expect("parameters", () => h.Inference(SimdWidth.Vector256, F(Elements), F(9), F(10), F(Elements), Rows));
        Expect("buffers", () => h.Inference(SimdWidth.Vector256, F(Elements), F(10), F(9), F(Elements), Rows));
        Expect("outputs", () => h.Inference(SimdWidth.Vector256, F(Elements), F(10), F(10), F(Elements - 1), Rows));

        Expect("inputs", () => h.Training(SimdWidth.Vector256, F(Elements - 1), F(10), F(10), ref tracked, F(Elements), F(savedLength), Rows));
        Expect("parameters", () => h.Training(SimdWidth.Vector256, F(Elements), F(9), F(10), ref tracked, F(Elements), F(savedLength), Rows));
        Expect("buffers", () => h.Training(SimdWidth.Vector256, F(Elements), F(10), F(9), ref tracked, F(Elements), F(savedLength), Rows));
        Expect("outputs", () => h.Training(SimdWidth.Vector256, F(Elements), F(10), F(10), ref tracked, F(Elements - 1), F(savedLength), Rows));
        Expect("saved", () => h.Training(SimdWidth.Vector256, F(Elements), F(10), F(10), ref tracked, F(Elements), F(savedLength - 1), Rows));
        Assert.Equal(0, tracked);

        Expect("outputs", () => h.Backward(SimdWidth.Vector256, F(Elements - 1), F(Elements), F(10), F(10), F(savedLength), F(Elements), GradientMode.Store, Rows));
        Expect("outputGradient", () => h.Backward(SimdWidth.Vector256, F(Elements), F(Elements - 1), F(10), F(10), F(savedLength), F(Elements), GradientMode.Store, Rows));
        Expect("parameters", () => h.Backward(SimdWidth.Vector256, F(Elements), F(Elements), F(9), F(10), F(savedLength), F(Elements), GradientMode.Store, Rows));
        Expect("parameterGradients", () => h.Backward(SimdWidth.Vector256, F(Elements), F(Elements), F(10), F(9), F(savedLength), F(Elements), GradientMode.Store, Rows));
        Expect("saved", () => h.Backward(SimdWidth.Vector256, F(Elements), F(Elements), F(10), F(10), F(savedLength - 1), F(Elements), GradientMode.Store, Rows));
        Expect("inputGradient", () => h.Backward(SimdWidth.Vector256, F(Elements), F(Elements), F(10), F(10), F(savedLength), F(Elements - 1), GradientMode.Add, Rows));
        // No input gradient is needed when the mode says so.
        h.Backward(SimdWidth.Vector256, F(Elements), F(Elements), F(10), F(10), F(savedLength), [], GradientMode.None, Rows);
    }
}
