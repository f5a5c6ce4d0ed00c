namespace Specialized.Models;

/// <summary>
/// scikit-learn's <c>SVC(kernel='poly', degree=3, gamma=0.001, coef0=0, C=10)</c> on the raw 8×8 digits:
/// K(u, v) = (0.001·u·v)³, the cube unrolled by the generator.
/// </summary>
[KernelSvm(Features = 64, Kernel = SvmKernel.Polynomial, Degree = 3, Gamma = 0.001, Coef0 = 0, C = 10)]
public partial class DigitsPolySvm;
