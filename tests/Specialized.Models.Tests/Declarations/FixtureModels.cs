namespace Specialized.Models.Tests.Declarations;

// The declarations of ../fixtures/README.md, one per PyTorch fixture.

[Model(Input = 13, Loss = Loss.MeanSquaredError)]
[Dense(16, Activation.Tanh)]
[Dense(8, Activation.Sigmoid)]
[Dense(12, Activation.LeakyRelu)]
[Dense(6, Activation.Elu)]
[Dense(3)]
public partial class MlpMixed;

[Model(Input = 30, Loss = Loss.BinaryCrossEntropy)]
[Dense(1)]
public partial class MlpBinary;

[Model(Input = 20, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(32)]
[BatchNorm(Activation.Relu)]
[Residual(Layers = 2, Activation = Activation.Relu)]
[Dense(32, Activation.Relu)]
[Dense(32)]
[Dense(4)]
public partial class MlpBnResidual;

[Model(Input = 12, Loss = Loss.MeanSquaredError)]
[Residual(Layers = 1)]
[Dense(20, Activation.Tanh)]
[Dense(3)]
public partial class MlpResidualProjection;
