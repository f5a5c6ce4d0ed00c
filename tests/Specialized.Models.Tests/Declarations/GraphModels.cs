namespace Specialized.Models.Tests.Declarations;

// Models of the layer graph: BatchNorm, residual blocks (identity, projection, nested) and dropout,
// small and with odd widths so every register width runs a tail.

[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 21)]
[Dense(7)]
[BatchNorm(Activation.Tanh)]
[Dense(3)]
public partial class BatchNormNet;

[Model(Input = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 22)]
[Dense(9, Activation.Tanh)]
[Residual(Layers = 2, Activation = Activation.Elu)]
[Residual(Layers = 1, Activation = Activation.Tanh)]
[Dense(9, Activation.Sigmoid)]
[Dense(11)]
[Dense(4)]
public partial class NestedResidualNet;

[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 23)]
[Dense(13, Activation.Tanh)]
[Dropout(0.4)]
[Dense(3)]
public partial class DropoutNet;

// DropoutNet without its dropout: the same parameters in the same layout.
[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 23)]
[Dense(13, Activation.Tanh)]
[Dense(3)]
public partial class NoDropoutNet;

// PyTorch's nn.Sequential(Linear(64, 32), ReLU(), Linear(32, 10)) numbers its second Linear "2".
[Model(Input = 64, Loss = Loss.SoftmaxCrossEntropy, Naming = TensorNaming.Sequential)]
[Dense(32, Activation.Relu)]
[Dense(10)]
public partial class SequentialNamedNet;

// Records and keyword identifiers are declarations like any other.
[Model(Input = 3, Loss = Loss.MeanSquaredError)]
[Dense(2)]
public partial record RecordNet;

[Model(Input = 3, Loss = Loss.MeanSquaredError)]
[Dense(2)]
public partial class @class;
