namespace Specialized.Models;

/// <summary>
/// scikit-learn's <c>SVC(C=10, gamma=0.001)</c> on the raw 8×8 digits (pixels 0–16): an RBF kernel
/// machine whose kernel the generator writes out for exactly 64 features.
/// </summary>
[KernelSvm(Features = 64, Kernel = SvmKernel.Rbf, Gamma = 0.001, C = 10)]
public partial class DigitsSvm;
