namespace Specialized;

/// <summary>
/// Draws initial weights (Glorot/Xavier and He/Kaiming, uniform or normal) from a seeded generator,
/// so the same seed always gives the same weights.
/// </summary>
public static class WeightInitializer
{
    /// <summary>The initializer <see cref="Initializer.Default"/> stands for: He normal for the ReLU family, Glorot uniform otherwise.</summary>
    public static Initializer Resolve(Initializer initializer, Activation activation) =>
        initializer != Initializer.Default ? initializer
        : activation is Activation.Relu or Activation.LeakyRelu or Activation.Elu ? Initializer.HeNormal
        : Initializer.GlorotUniform;

    /// <summary>Fills <paramref name="weights"/> of a layer with the given fan-in and fan-out.</summary>
    public static void Fill(Span<float> weights, int fanIn, int fanOut, Initializer initializer, Activation activation, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (fanIn <= 0) throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, "fanIn must be at least 1.");
        if (fanOut <= 0) throw new ArgumentOutOfRangeException(nameof(fanOut), fanOut, "fanOut must be at least 1.");
        switch (Resolve(initializer, activation))
        {
            case Initializer.GlorotUniform: Uniform(weights, Math.Sqrt(6.0 / (fanIn + fanOut)), random); break;
            case Initializer.GlorotNormal: Normal(weights, Math.Sqrt(2.0 / (fanIn + fanOut)), random); break;
            case Initializer.HeUniform: Uniform(weights, Math.Sqrt(6.0 / fanIn), random); break;
            case Initializer.HeNormal: Normal(weights, Math.Sqrt(2.0 / fanIn), random); break;
            default: throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer.");
        }
    }

    private static void Uniform(Span<float> weights, double limit, Random random)
    {
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)((random.NextDouble() * 2 - 1) * limit);
    }

    // Box–Muller: two independent standard normals per pair of uniforms.
    private static void Normal(Span<float> weights, double std, Random random)
    {
        for (int i = 0; i < weights.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1)) * std;
            weights[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < weights.Length) weights[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
        }
    }
}
