using Specialized;

/// <summary>
/// The main job's DigitsSvm (scikit-learn's <c>SVC(C=10, gamma=0.001)</c> on raw digits) declared again here, so the
/// harness times a generated kernel machine compiled into a user's assembly, as a user meets it.
/// </summary>
[KernelSvm(Features = 64, Kernel = SvmKernel.Rbf, Gamma = 0.001, C = 10)]
public partial class ColdDigitsSvm;
