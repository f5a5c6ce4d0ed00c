namespace Specialized.Distributed.Mpi.Host;

/// <summary>
/// The digits MLP made about ten times larger (64 → 512 → 256 → 10, 166,666 parameters against DigitsMlp's 17,226):
/// the "large enough to benefit" model of the scaling measurements in docs/distributed.md.
/// </summary>
[Model(Input = 64, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(512, Activation.Relu)]
[Dense(256, Activation.Relu)]
[Dense(10)]
public partial class WideDigitsMlp;
