namespace Specialized.Tests.Training;

/// <summary>
/// Sample statistics of every initializer for a 256 → 128 layer (32,768 weights) against the formula.
/// Tolerance: 4 standard errors of the statistic, so a correct initializer fails about once in 16,000
/// runs of a seed; the seeds are fixed, so the tests are deterministic.
/// </summary>
public sealed class WeightInitializerTests
{
    private const int FanIn = 256, FanOut = 128, Count = FanIn * FanOut;

    public static TheoryData<Initializer> Initializers() =>
        new() { Initializer.GlorotUniform, Initializer.GlorotNormal, Initializer.HeUniform, Initializer.HeNormal };

    [Theory]
    [MemberData(nameof(Initializers))]
    public void Sample_variance_and_mean_are_within_four_standard_errors_of_the_formula(Initializer initializer)
    {
        float[] weights = Draw(initializer, seed: 12345);
        double variance = FormulaVariance(initializer);
        (double mean, double sampleVariance) = Moments(weights);

        double meanError = Math.Sqrt(variance / Count);
        Assert.True(Math.Abs(mean) <= 4 * meanError, $"{initializer}: mean {mean:E3}, 4 SE = {4 * meanError:E3}.");

        // Standard error of the sample variance: σ²·sqrt(2 / (n − 1)) for a normal; sqrt((μ₄ − σ⁴) / n)
        // with μ₄ = a⁴/5 and σ⁴ = a⁴/9 for U(−a, a).
        double varianceError = IsUniform(initializer)
            ? Math.Sqrt((Math.Pow(Limit(initializer), 4) / 5 - variance * variance) / Count)
            : variance * Math.Sqrt(2.0 / (Count - 1));
        Assert.True(Math.Abs(sampleVariance - variance) <= 4 * varianceError,
            $"{initializer}: variance {sampleVariance:E4}, formula {variance:E4}, 4 SE = {4 * varianceError:E3}.");
    }

    [Theory]
    [InlineData(Initializer.GlorotUniform)]
    [InlineData(Initializer.HeUniform)]
    public void Uniform_weights_stay_within_the_limit_and_reach_near_it(Initializer initializer)
    {
        float[] weights = Draw(initializer, seed: 7);
        float limit = (float)Limit(initializer);
        Assert.All(weights, w => Assert.InRange(w, -limit, limit));
        // With 32k draws the extremes come within 0.1% of the limit (miss probability e^-32).
        Assert.True(weights.Max() > 0.999f * limit && weights.Min() < -0.999f * limit);
    }

    [Theory]
    [MemberData(nameof(Initializers))]
    public void Same_seed_gives_identical_weights_and_another_seed_different_ones(Initializer initializer)
    {
        Assert.Equal(Draw(initializer, seed: 99), Draw(initializer, seed: 99));
        Assert.NotEqual(Draw(initializer, seed: 99), Draw(initializer, seed: 100));
    }

    [Fact]
    public void Normal_fill_of_an_odd_length_fills_the_last_weight()
    {
        var weights = new float[7];
        WeightInitializer.Fill(weights, 3, 3, Initializer.HeNormal, Activation.Relu, new Random(1));
        Assert.All(weights, w => Assert.NotEqual(0f, w));
    }

    [Theory]
    [InlineData(Activation.Relu, Initializer.HeNormal)]
    [InlineData(Activation.LeakyRelu, Initializer.HeNormal)]
    [InlineData(Activation.Elu, Initializer.HeNormal)]
    [InlineData(Activation.Tanh, Initializer.GlorotUniform)]
    [InlineData(Activation.Sigmoid, Initializer.GlorotUniform)]
    public void Default_resolves_from_the_activation(Activation activation, Initializer expected)
    {
        Assert.Equal(expected, WeightInitializer.Resolve(Initializer.Default, activation));
        Assert.Equal(Initializer.GlorotNormal, WeightInitializer.Resolve(Initializer.GlorotNormal, activation));
    }

    [Fact]
    public void Non_positive_fans_throw_naming_them()
    {
        Assert.Equal("fanIn", Assert.Throws<ArgumentOutOfRangeException>(() => WeightInitializer.Fill(new float[4], 0, 2, Initializer.HeNormal, Activation.Relu, new Random(1))).ParamName);
        Assert.Equal("fanOut", Assert.Throws<ArgumentOutOfRangeException>(() => WeightInitializer.Fill(new float[4], 2, -1, Initializer.HeNormal, Activation.Relu, new Random(1))).ParamName);
    }

    private static float[] Draw(Initializer initializer, int seed)
    {
        var weights = new float[Count];
        WeightInitializer.Fill(weights, FanIn, FanOut, initializer, Activation.Relu, new Random(seed));
        return weights;
    }

    private static bool IsUniform(Initializer initializer) => initializer is Initializer.GlorotUniform or Initializer.HeUniform;

    private static double Limit(Initializer initializer) => initializer == Initializer.GlorotUniform
        ? Math.Sqrt(6.0 / (FanIn + FanOut))
        : Math.Sqrt(6.0 / FanIn);

    // Glorot: 2 / (fanIn + fanOut); He: 2 / fanIn, for both the uniform and the normal form.
    private static double FormulaVariance(Initializer initializer) =>
        initializer is Initializer.GlorotUniform or Initializer.GlorotNormal ? 2.0 / (FanIn + FanOut) : 2.0 / FanIn;

    private static (double Mean, double Variance) Moments(float[] values)
    {
        double mean = values.Average(v => (double)v);
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, variance);
    }
}
