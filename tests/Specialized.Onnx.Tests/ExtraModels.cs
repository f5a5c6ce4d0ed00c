namespace Specialized.Onnx.Tests;

// Options no fixture covers, with seeded random weights: odd windows (stride ≠ kernel, padding on pools, floor-mode
// remainders), a 1×1 convolution, dropout, a ReLU RNN passing on every step to a GRU, BatchNorm on vectors, nested blocks.

[Model(Channels = 2, Height = 7, Width = 7, Loss = Loss.MeanSquaredError, Seed = 31)]
[Conv2D(3, 3, Activation.Tanh, Stride = 2, Padding = 2)]
[AvgPool(2, Stride = 1)]
[Conv2D(4, 1, Activation.Elu)]
[MaxPool(3, Stride = 2, Padding = 1)]
[Dropout(0.3)]
[Dense(2)]
public partial class OddConvNet;

[Model(Channels = 2, Height = 9, Width = 8, Loss = Loss.MeanSquaredError, Seed = 33)]
[Conv2D(4, 3, Activation.LeakyRelu)]
[AvgPool(3, Stride = 2, Padding = 1)]
[Conv2D(3, 2, Activation.Sigmoid, Stride = 2)]
[Dense(3)]
public partial class PaddedAvgPoolNet;

[Model(Sequence = 6, Features = 3, Loss = Loss.MeanSquaredError, Seed = 41)]
[Rnn(5, Activation.Relu, ReturnSequences = true)]
[Gru(7)]
[Dense(6)]
[BatchNorm(Activation.Tanh)]
[Dense(4)]
public partial class SequenceStackNet;

[Model(Input = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 22)]
[Dense(9, Activation.Tanh)]
[Residual(Layers = 2, Activation = Activation.Elu)]
[Residual(Layers = 1, Activation = Activation.Tanh)]
[Dense(9, Activation.Sigmoid)]
[Dense(11)]
[Dropout(0.5)]
[Dense(4)]
public partial class NestedResidualNet;
