namespace Specialized.Tests.Training;

public sealed class GradientClippingTests
{
    public static TheoryData<int> Lengths() => new() { 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000, 100_003 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void L2Norm_matches_a_double_scalar_sum(int length)
    {
        float[] values = RandomValues(length, seed: length);
        double expected = Math.Sqrt(values.Sum(v => (double)v * v));
        // Squares of floats are exact in double; only the summation order differs: 1e-12 relative.
        Assert.Equal(expected, GradientClipping.L2Norm(values), expected * 1e-12);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ClipByNorm_scales_to_max_norm_as_torch_and_returns_the_norm_before(int length)
    {
        float[] gradients = RandomValues(length, seed: 7 * length);
        float[] original = (float[])gradients.Clone();
        double norm = Math.Sqrt(original.Sum(v => (double)v * v));
        float maxNorm = (float)(norm / 4);

        float returned = GradientClipping.ClipByNorm(gradients, maxNorm);

        // The norm is returned as float: one rounding, 1e-7 relative.
        Assert.Equal(norm, returned, norm * 1e-7);
        float scale = (float)(maxNorm / (norm + 1e-6));
        for (int i = 0; i < length; i++) Assert.Equal(original[i] * scale, gradients[i]);
        // After clipping the norm is maxNorm · norm / (norm + 1e-6), just under maxNorm (float rounding 1e-6).
        Assert.True(GradientClipping.L2Norm(gradients) <= maxNorm * (1 + 1e-6));
    }

    [Fact]
    public void ClipByNorm_leaves_gradients_within_the_bound_untouched()
    {
        float[] gradients = [3f, 4f];
        Assert.Equal(5f, GradientClipping.ClipByNorm(gradients, 10f));
        Assert.Equal([3f, 4f], gradients);
    }

    [Fact]
    public void ClipByNorm_with_a_non_finite_norm_returns_it_and_changes_nothing()
    {
        float[] gradients = [1f, float.NaN, 2f];
        Assert.True(float.IsNaN(GradientClipping.ClipByNorm(gradients, 1f)));
        Assert.Equal(1f, gradients[0]);
        Assert.Equal(2f, gradients[2]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ClipByValue_clamps_every_element(int length)
    {
        float[] gradients = RandomValues(length, seed: 3 * length);
        float[] original = (float[])gradients.Clone();
        GradientClipping.ClipByValue(gradients, 0.5f);
        for (int i = 0; i < length; i++) Assert.Equal(Math.Clamp(original[i], -0.5f, 0.5f), gradients[i]);
    }

    [Fact]
    public void ClipByValue_keeps_NaN()
    {
        float[] gradients = [float.NaN, 2f, -2f, 0.25f, 1f, 1f, 1f, 1f, float.NaN];
        GradientClipping.ClipByValue(gradients, 1f);
        Assert.True(float.IsNaN(gradients[0]) && float.IsNaN(gradients[8]));
        Assert.Equal([1f, -1f, 0.25f], gradients[1..4]);
    }

    [Fact]
    public void Non_positive_limits_throw_naming_them()
    {
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm(new float[3], 0f)).ParamName);
        Assert.Equal("clipValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(new float[3], -1f)).ParamName);
    }

    [Fact]
    public void Clipping_allocates_nothing()
    {
        float[] gradients = RandomValues(10_000, seed: 1);
        GradientClipping.ClipByNorm(gradients, 1f);
        GradientClipping.ClipByValue(gradients, 1f);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            GradientClipping.ClipByNorm(gradients, 0.5f);
            GradientClipping.ClipByValue(gradients, 0.01f);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static float[] RandomValues(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }
}
