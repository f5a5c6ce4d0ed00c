namespace Specialized;

/// <summary>
/// A kernel function specialized for one feature count: the seam between the runtime's SMO solver
/// and predictor (<see cref="KernelSvm{TKernel}"/>) and the code the generator emits for a
/// <see cref="KernelSvmAttribute"/> declaration. Implementations are <c>readonly struct</c>s; the
/// machine is generic over <c>TKernel : struct, ISvmKernel</c>, so the JIT compiles the solver and
/// the predictor once per kernel with every call inlined and no virtual dispatch. A generated kernel
/// returns constants from every property; <see cref="RuntimeKernel"/> reads them from fields.
/// </summary>
/// <remarks>
/// Stored vectors (training rows inside the solver, support vectors inside the machine) are laid
/// out row-major, <see cref="Stride"/> floats apart, the padding after <see cref="Features"/>
/// filled with zeros. A sample passed as <c>x</c> holds at least <see cref="Features"/> floats and is
/// never read beyond them.
/// </remarks>
public interface ISvmKernel
{
    /// <summary>Features per sample.</summary>
    int Features { get; }

    /// <summary>Floats between the starts of two stored vectors; at least <see cref="Features"/>.</summary>
    int Stride { get; }

    /// <summary>Which kernel function this is (LIBSVM's <c>kernel_type</c>).</summary>
    SvmKernel Kind { get; }

    /// <summary>Kernel scale (LIBSVM's <c>gamma</c>); unused by the linear kernel.</summary>
    double Gamma { get; }

    /// <summary>Additive constant of the polynomial and sigmoid kernels (LIBSVM's <c>coef0</c>).</summary>
    double Coef0 { get; }

    /// <summary>Degree of the polynomial kernel (LIBSVM's <c>degree</c>).</summary>
    int Degree { get; }

    /// <summary><c>K(a, b)</c> for two samples of <see cref="Features"/> floats.</summary>
    float Evaluate(ReadOnlySpan<float> a, ReadOnlySpan<float> b);

    /// <summary>
    /// <c>result[j] = K(x, v_j)</c> for the <paramref name="count"/> vectors stored in
    /// <paramref name="vectors"/> <see cref="Stride"/> floats apart: one kernel row, the operation
    /// that dominates both training (a row of Q) and prediction (a sample against every support vector).
    /// </summary>
    void EvaluateRow(ReadOnlySpan<float> x, ReadOnlySpan<float> vectors, int count, Span<float> result);
}
