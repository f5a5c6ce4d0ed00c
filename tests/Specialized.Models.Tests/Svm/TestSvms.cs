namespace Specialized.Models.Tests.Svm;

// Test-only declarations at awkward feature counts: below one register, one past a register, a tail
// on every path, and every kernel kind, so each emitted path and tail is checked against RuntimeKernel.
[KernelSvm(Features = 1, Kernel = SvmKernel.Rbf, Gamma = 0.5)]
internal partial class Rbf1Svm;

[KernelSvm(Features = 7, Kernel = SvmKernel.Linear)]
internal partial class Linear7Svm;

[KernelSvm(Features = 17, Kernel = SvmKernel.Polynomial, Gamma = 0.05, Coef0 = 1, Degree = 5)]
internal partial class Poly17Svm;

[KernelSvm(Features = 19, Kernel = SvmKernel.Sigmoid, Gamma = 0.01, Coef0 = -0.5)]
internal partial class Sigmoid19Svm;

[KernelSvm(Features = 41, Kernel = SvmKernel.Rbf, Gamma = 0.02)]
internal partial class Rbf41Svm;
