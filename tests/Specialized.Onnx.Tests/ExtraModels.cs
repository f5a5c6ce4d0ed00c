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

// Transposed convolutions with stride, padding and output padding (one without bias), a skip concatenation,
// a nearest upsampling by 2 and one by 3 on odd sides, then a per-pixel output (the score image is the output).
[Model(Channels = 2, Height = 5, Width = 3, Loss = Loss.MeanSquaredError, Seed = 41)]
[ConvTranspose2D(3, 3, Activation.Tanh, Stride = 2, Padding = 1, OutputPadding = 1)] // [3, 10, 6]
[Conv2D(4, 3, Activation.Elu, Stride = 2, Padding = 1)]                              // [4, 5, 3]
[ConvTranspose2D(2, 3, Activation.Sigmoid, Padding = 1, Bias = false)]               // [2, 5, 3]
[ConcatFrom(1)]                                                                      // [6, 5, 3]
[Upsample(2)]                                                                        // [6, 10, 6]
[Conv2D(2, 3, Activation.LeakyRelu, Stride = 2)]                                     // [2, 4, 2]
[Upsample(3)]                                                                        // [2, 12, 6]
[Conv2D(3, 1)]                                                                       // [3, 12, 6]
public partial class TransposedUpsampleNet;

// Four branches, two of them empty (the input joined twice), then an upsampling; and branches on vectors.
[Model(Channels = 3, Height = 5, Width = 7, Loss = Loss.MeanSquaredError, Seed = 42)]
[Conv2D(4, 3, Activation.Tanh, Padding = 1)]
[Branches(0, 1, 2, 0)]
[Conv2D(3, 1, Activation.Elu)]
[Upsample(2)]
[Conv2D(2, 2, Activation.Tanh, Stride = 2)]
[AvgPool(2)]
[Dense(3)]
public partial class EmptyBranchNet;

[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 43)]
[Branches(1, 1)]
[Dense(3, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
[Dense(2)]
public partial class VectorBranchNet;
