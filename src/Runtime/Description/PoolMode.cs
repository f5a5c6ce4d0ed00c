namespace Specialized;

/// <summary>What a pooling window computes.</summary>
public enum PoolMode
{
    /// <summary>The largest value of the window (padding never wins).</summary>
    Max,
    /// <summary>The mean of the window, padding counted as zeros (PyTorch's <c>count_include_pad = true</c>).</summary>
    Average,
}
