namespace Specialized.Kernels;

/// <summary>A node's fused activation as a compile-time constant (a static member the JIT folds).</summary>
public interface IActivated
{
    /// <summary>The activation applied to the node's output.</summary>
    static abstract Activation Activation { get; }
}
