namespace Specialized;

/// <summary>An element-wise activation fused into a layer.</summary>
public enum Activation
{
    /// <summary>No activation: the layer's output is its affine result (logits for a last layer).</summary>
    Identity = 0,
    /// <summary><c>max(0, x)</c>.</summary>
    Relu,
    /// <summary><c>x</c> for <c>x &gt; 0</c>, else <c>0.01·x</c> (PyTorch's default slope).</summary>
    LeakyRelu,
    /// <summary><c>x</c> for <c>x &gt; 0</c>, else <c>exp(x) − 1</c> (alpha 1, as PyTorch's default).</summary>
    Elu,
    /// <summary><c>1 / (1 + exp(−x))</c>.</summary>
    Sigmoid,
    /// <summary><c>tanh(x)</c>.</summary>
    Tanh,
}
