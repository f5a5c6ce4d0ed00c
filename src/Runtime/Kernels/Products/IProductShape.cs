namespace Specialized.Kernels;

/// <summary>
/// The compile-time facts of one matrix product <c>C[rows, Columns] = start + A[rows, depth]·B[depth, Columns]</c>,
/// as static members of a struct so the JIT folds them: the column blocking and the tail are
/// decided when the kernel is compiled, never per call. <c>A[r, k] = a[r·RowStride + k·DepthStride]</c>
/// (row-major when DepthStride is 1; read as a transpose when RowStride is 1); B and C are row-major.
/// </summary>
public interface IProductShape
{
    /// <summary>Columns of B and C.</summary>
    static abstract int Columns { get; }

    /// <summary>Distance between consecutive rows of A.</summary>
    static abstract int RowStride { get; }

    /// <summary>Distance between consecutive depth elements of A.</summary>
    static abstract int DepthStride { get; }

    /// <summary>What the accumulators start from.</summary>
    static abstract ProductStart Start { get; }

    /// <summary>Whether ReLU is applied in registers before the store (other activations run as a pass of their own).</summary>
    static abstract bool Relu { get; }

}

/// <summary>What a product's accumulators start from.</summary>
public enum ProductStart
{
    /// <summary>Zero: C is overwritten.</summary>
    Zero,
    /// <summary>The bias row vector (one value per column): C = bias + A·B.</summary>
    Bias,
    /// <summary>C itself: C += A·B.</summary>
    Accumulate,
}
