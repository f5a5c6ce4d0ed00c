namespace Specialized;

/// <summary>
/// Declares a kernel support vector machine for exactly <see cref="Features"/> features. The
/// generator emits the kernel (<see cref="ISvmKernel"/>) unrolled for that count, with the
/// hyper-parameters as constants, and makes the class a <see cref="KernelSvm{TKernel}"/> over it;
/// training runs the runtime's SMO solver. Parameters mean what they mean in LIBSVM
/// (<c>svm-train -c -g -d -r -e -m -h</c>) and scikit-learn's <c>SVC</c>.
/// </summary>
/// <example>
/// <code>
/// [KernelSvm(Features = 64, Kernel = SvmKernel.Rbf, Gamma = 0.001, C = 10)]
/// public partial class DigitsSvm;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KernelSvmAttribute : Attribute
{
    /// <summary>Number of features of one sample; at least 1.</summary>
    public int Features { get; set; }

    /// <summary>The kernel function.</summary>
    public SvmKernel Kernel { get; set; } = SvmKernel.Rbf;

    /// <summary>Cost of a margin violation (the box bound of every dual variable); greater than 0.</summary>
    public double C { get; set; } = 1.0;

    /// <summary>
    /// Kernel scale of the polynomial, RBF and sigmoid kernels; 0 or more. Being a constant, it has
    /// no "scale"/"auto" mode: state the value (scikit-learn's <c>'auto'</c> is <c>1 / Features</c>).
    /// </summary>
    public double Gamma { get; set; }

    /// <summary>Degree of the polynomial kernel; at least 1.</summary>
    public int Degree { get; set; } = 3;

    /// <summary>Additive constant of the polynomial and sigmoid kernels.</summary>
    public double Coef0 { get; set; }

    /// <summary>Stopping tolerance: training ends when the maximal KKT violation is below it (LIBSVM's <c>-e</c>).</summary>
    public double Tolerance { get; set; } = 1e-3;

    /// <summary>Size limit of the kernel-row cache in megabytes (LIBSVM's <c>-m</c>; scikit-learn's <c>cache_size</c>).</summary>
    public double CacheMegabytes { get; set; } = 200;

    /// <summary>Whether the solver shrinks the active set (LIBSVM's <c>-h</c>).</summary>
    public bool Shrinking { get; set; } = true;
}
