namespace Specialized.Benchmarks.Conv;

/// <summary>LeNet-5 on 1×28×28, as the <c>lenet</c> fixture (tests/fixtures/README.md) and REFERENCE.md's PyTorch figures.</summary>
[Model(Channels = 1, Height = 28, Width = 28, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(6, 5, Activation.Relu)]
[MaxPool(2)]
[Conv2D(16, 5, Activation.Relu)]
[MaxPool(2)]
[Dense(120, Activation.Relu)]
[Dense(84, Activation.Relu)]
[Dense(10)]
public partial class BenchmarkLeNet;
