namespace Specialized;

/// <summary>How a layer's weights are drawn before training. Biases always start at zero.</summary>
public enum Initializer
{
    /// <summary>He (Kaiming) for ReLU-family activations, Glorot (Xavier) for the rest.</summary>
    Default = 0,
    /// <summary>Glorot uniform: U(−a, a) with <c>a = sqrt(6 / (fanIn + fanOut))</c>.</summary>
    GlorotUniform,
    /// <summary>Glorot normal: N(0, 2 / (fanIn + fanOut)).</summary>
    GlorotNormal,
    /// <summary>He uniform: U(−a, a) with <c>a = sqrt(6 / fanIn)</c>.</summary>
    HeUniform,
    /// <summary>He normal: N(0, 2 / fanIn).</summary>
    HeNormal,
}
