using Specialized.Kernels;
using Specialized.Nodes;

namespace Specialized.Tests.Nodes;

public interface IDropoutHarness
{
    int Features { get; }
    float Probability { get; }
    void Forward(SimdWidth width, float[] inputs, float[] outputs, float[] mask, ulong seed, long step, int rows);
    void Backward(SimdWidth width, float[] mask, float[] outputGradient, float[] inputGradient, GradientMode mode, int rows);
}

public sealed class DropoutHarness<TLayer> : IDropoutHarness where TLayer : struct, IDropoutLayer
{
    public int Features => TLayer.Features;
    public float Probability => TLayer.Probability;

    public void Forward(SimdWidth width, float[] inputs, float[] outputs, float[] mask, ulong seed, long step, int rows)
    {
        switch (width)
        {
            case SimdWidth.Vector512: DropoutNode.ForwardTraining<TLayer, Float512>(inputs, outputs, mask, seed, step, rows); break;
            case SimdWidth.Vector256: DropoutNode.ForwardTraining<TLayer, Float256>(inputs, outputs, mask, seed, step, rows); break;
            case SimdWidth.Vector128: DropoutNode.ForwardTraining<TLayer, Float128>(inputs, outputs, mask, seed, step, rows); break;
            default: DropoutNode.ForwardTraining<TLayer, FloatScalar>(inputs, outputs, mask, seed, step, rows); break;
        }
    }

    public void Backward(SimdWidth width, float[] mask, float[] outputGradient, float[] inputGradient, GradientMode mode, int rows)
    {
        switch (width)
        {
            case SimdWidth.Vector512: DropoutNode.Backward<TLayer, Float512>(mask, outputGradient, inputGradient, mode, rows); break;
            case SimdWidth.Vector256: DropoutNode.Backward<TLayer, Float256>(mask, outputGradient, inputGradient, mode, rows); break;
            case SimdWidth.Vector128: DropoutNode.Backward<TLayer, Float128>(mask, outputGradient, inputGradient, mode, rows); break;
            default: DropoutNode.Backward<TLayer, FloatScalar>(mask, outputGradient, inputGradient, mode, rows); break;
        }
    }
}

public sealed class DropoutNodeTests
{
    private static IDropoutHarness For(int features, int percent, int stream = 0) =>
        (IDropoutHarness)Activator.CreateInstance(typeof(DropoutHarness<>).MakeGenericType(
            typeof(DropoutShape<,,>).MakeGenericType(Constants.Size(features), Constants.Size(percent), Constants.Size(stream))))!;

    private static float[] RandomFloats(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    private static float[] Mask(IDropoutHarness h, int rows, ulong seed, long step, SimdWidth width = SimdWidth.Vector256)
    {
        int n = rows * h.Features;
        float[] mask = new float[n];
        h.Forward(width, new float[n], new float[n], mask, seed, step, rows);
        return mask;
    }

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(90)]
    public void Kept_fraction_is_one_minus_p_and_kept_elements_are_scaled_by_its_inverse(int percent)
    {
        IDropoutHarness h = For(1000, percent);
        const int Rows = 100, N = Rows * 1000;
        float[] x = RandomFloats(N, percent), y = new float[N], mask = new float[N];
        h.Forward(SimdWidth.Vector256, x, y, mask, seed: 12345, step: 3, Rows);

        double p = percent / 100.0;
        float scale = 1f / (1f - h.Probability);
        int kept = 0;
        for (int i = 0; i < N; i++)
        {
            Assert.True(mask[i] == 0f || mask[i] == scale, $"mask[{i}] is {mask[i]:R}; expected 0 or {scale:R}.");
            Assert.Equal(x[i] * mask[i], y[i]);
            if (mask[i] != 0) kept++;
        }
        // Binomial: σ of the kept fraction is sqrt(p(1−p)/N) ≤ 0.0016; 0.008 is five σ.
        Assert.InRange(kept / (double)N, 1 - p - 0.008, 1 - p + 0.008);

        // Every row draws its own mask: rows are not copies of the first.
        for (int r = 1; r < Rows; r++)
            Assert.False(mask.AsSpan(0, 1000).SequenceEqual(mask.AsSpan(r * 1000, 1000)), $"row {r} repeats row 0's mask.");

        // Neighbouring elements are independent: P(both kept) ≈ (1−p)².
        int both = 0;
        for (int i = 0; i + 1 < N; i += 2) if (mask[i] != 0 && mask[i + 1] != 0) both++;
        Assert.InRange(both / (N / 2.0), (1 - p) * (1 - p) - 0.012, (1 - p) * (1 - p) + 0.012);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(17, 3)]
    [InlineData(33, 7)]
    [InlineData(64, 2)]
    [InlineData(5, 3)]
    public void Mask_and_outputs_are_identical_on_every_width(int features, int rows)
    {
        IDropoutHarness h = For(features, 50, stream: 1);
        int n = features * rows;
        float[] x = RandomFloats(n, features);
        float[] referenceY = new float[n], referenceMask = new float[n];
        h.Forward(SimdWidth.Scalar, x, referenceY, referenceMask, seed: 99, step: 5, rows);
        float[] dy = RandomFloats(n, features + 1), referenceDx = new float[n];
        h.Backward(SimdWidth.Scalar, referenceMask, dy, referenceDx, GradientMode.Store, rows);
        foreach (SimdWidth width in BatchNormHarness.Widths)
        {
            float[] y = new float[n], mask = new float[n], dx = new float[n];
            h.Forward(width, x, y, mask, seed: 99, step: 5, rows);
            Assert.Equal(referenceMask, mask);
            Assert.Equal(referenceY, y);
            h.Backward(width, mask, dy, dx, GradientMode.Store, rows);
            Assert.Equal(referenceDx, dx);
        }
    }

    [Fact]
    public void Same_seed_and_step_replay_the_mask_and_other_steps_streams_and_seeds_differ()
    {
        IDropoutHarness stream0 = For(1000, 50, stream: 0), stream1 = For(1000, 50, stream: 1);
        const int Rows = 4;
        float[] mask = Mask(stream0, Rows, seed: 7, step: 10);
        Assert.Equal(mask, Mask(stream0, Rows, seed: 7, step: 10, SimdWidth.Scalar));

        // Two independent masks at p = 0.5 disagree on about half the elements.
        foreach ((string what, float[] other) in new[]
        {
            ("the next step", Mask(stream0, Rows, seed: 7, step: 11)),
            ("another stream", Mask(stream1, Rows, seed: 7, step: 10)),
            ("another seed", Mask(stream0, Rows, seed: 8, step: 10)),
        })
        {
            double differ = mask.Zip(other).Count(pair => pair.First != pair.Second) / (double)mask.Length;
            Assert.True(differ is > 0.45 and < 0.55, $"{what} differs from the first mask in {differ:P1} of the elements; expected about 50%.");
        }

        // A batch's mask is the first rows of a larger batch's mask: element i is keyed by i alone.
        Assert.Equal(mask, Mask(stream0, Rows + 3, seed: 7, step: 10).AsSpan(0, mask.Length).ToArray());
    }

    [Fact]
    public void Zero_probability_is_the_exact_identity()
    {
        IDropoutHarness h = For(17, 0);
        float[] x = [.. RandomFloats(17 * 2, 3), float.NaN, -0f, float.PositiveInfinity, float.Epsilon, -1e-38f, 3e38f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        foreach (SimdWidth width in BatchNormHarness.Widths)
        {
            float[] y = new float[x.Length], mask = new float[x.Length];
            h.Forward(width, x, y, mask, seed: 1, step: 1, rows: 3);
            for (int i = 0; i < x.Length; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(x[i]), BitConverter.SingleToInt32Bits(y[i]));
            Assert.All(mask, m => Assert.Equal(1f, m));
        }
    }

    [Fact]
    public void Backward_multiplies_by_the_mask_and_stores_adds_or_skips()
    {
        IDropoutHarness h = For(33, 20);
        const int Rows = 3, N = Rows * 33;
        float[] mask = Mask(h, Rows, seed: 5, step: 0), dy = RandomFloats(N, 1);
        float[] previous = RandomFloats(N, 2);
        foreach (SimdWidth width in BatchNormHarness.Widths)
        {
            float[] stored = new float[N];
            h.Backward(width, mask, dy, stored, GradientMode.Store, Rows);
            Assert.Equal(dy.Zip(mask, (g, m) => g * m), stored);

            float[] added = (float[])previous.Clone();
            h.Backward(width, mask, dy, added, GradientMode.Add, Rows);
            Assert.Equal(previous.Select((v, i) => v + dy[i] * mask[i]), added);

            float[] untouched = (float[])previous.Clone();
            h.Backward(width, mask, dy, untouched, GradientMode.None, Rows);
            Assert.Equal(previous, untouched);
        }
    }

    // With L = Σ w ⊙ y and the mask of one step replayed, dL/dx is exactly what central differences
    // of the replayed forward give (the layer is linear in x for a fixed mask).
    [Fact]
    public void Backward_matches_central_differences_of_the_replayed_step()
    {
        IDropoutHarness h = For(17, 50, stream: 2);
        const int Rows = 3, N = Rows * 17;
        float[] x = RandomFloats(N, 4), w = RandomFloats(N, 5), mask = new float[N], y = new float[N];
        h.Forward(SimdWidth.Vector128, x, y, mask, seed: 11, step: 42, Rows);
        float[] dx = new float[N];
        h.Backward(SimdWidth.Vector128, mask, w, dx, GradientMode.Store, Rows);

        double Loss(float[] input)
        {
            float[] output = new float[N], replay = new float[N];
            h.Forward(SimdWidth.Scalar, input, output, replay, seed: 11, step: 42, Rows);
            return output.Select((v, i) => (double)v * w[i]).Sum();
        }

        // The layer is linear in x, so a large step is exact; divide by the step the floats really took.
        const float Step = 0.25f;
        for (int i = 0; i < N; i++)
        {
            float keep = x[i], up = keep + Step, down = keep - Step;
            x[i] = up;
            double plus = Loss(x);
            x[i] = down;
            double minus = Loss(x);
            x[i] = keep;
            double expected = (plus - minus) / ((double)up - down);
            // Only the float rounding of y = x·mask remains: 1e-5 absolute.
            Assert.True(Math.Abs(expected - dx[i]) < 1e-5, $"element {i}: backward gives {dx[i]:R}, central differences {expected:R}.");
        }
    }

    [Fact]
    public void Short_spans_throw_naming_the_argument()
    {
        IDropoutHarness h = For(17, 20);
        const int Rows = 3, N = Rows * 17;
        float[] F(int n) => new float[n];

        void Expect(string name, Action action)
        {
            var error = Assert.Throws<ArgumentException>(action);
            Assert.Equal(name, error.ParamName);
            Assert.Contains("dropout", error.Message);
        }

        Expect("inputs", () => h.Forward(SimdWidth.Vector256, F(N - 1), F(N), F(N), 1, 1, Rows));
        Expect("outputs", () => h.Forward(SimdWidth.Vector256, F(N), F(N - 1), F(N), 1, 1, Rows));
        Expect("mask", () => h.Forward(SimdWidth.Vector256, F(N), F(N), F(N - 1), 1, 1, Rows));
        Expect("mask", () => h.Backward(SimdWidth.Vector256, F(N - 1), F(N), F(N), GradientMode.Store, Rows));
        Expect("outputGradient", () => h.Backward(SimdWidth.Vector256, F(N), F(N - 1), F(N), GradientMode.Store, Rows));
        Expect("inputGradient", () => h.Backward(SimdWidth.Vector256, F(N), F(N), F(N - 1), GradientMode.Add, Rows));
        h.Backward(SimdWidth.Vector256, F(N), F(N), [], GradientMode.None, Rows);
    }

    [Fact]
    public void Counter_random_is_SplitMix64_read_by_counter()
    {
        // SplitMix64 seeded with 0: its published first outputs.
        Assert.Equal(0xE220A8397B1DCDAFUL, CounterRandom.Next(0, 0));
        Assert.Equal(0x6E789E6AA1B965F4UL, CounterRandom.Next(0, 1));
        Assert.Equal(0x06C45D188009454FUL, CounterRandom.Next(0, 2));
    }

    [Fact]
    public void Counter_random_uniforms_are_24_bit_values_in_the_unit_interval_spread_evenly()
    {
        ulong key = CounterRandom.Key(2026, 3, 17);
        const int Draws = 160_000, Buckets = 16;
        int[] counts = new int[Buckets];
        for (ulong i = 0; i < Draws; i++)
        {
            float u = CounterRandom.Uniform(key, i);
            Assert.InRange(u, 0f, 0.99999994f);
            Assert.Equal(CounterRandom.Next24(key, i), u * (1 << 24));
            counts[(int)(u * Buckets)]++;
        }
        // Each bucket holds 10,000 ± 97 (σ); six σ.
        Assert.All(counts, count => Assert.InRange(count, 10_000 - 580, 10_000 + 580));
    }
}
