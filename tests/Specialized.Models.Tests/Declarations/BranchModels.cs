namespace Specialized.Models.Tests.Declarations;

// Models beyond chains: Inception branches, skip concatenation, transposed convolution, upsampling and
// per-pixel outputs. The first two are the PyTorch fixtures inception_tiny and fcn_tiny; the others have
// odd sizes so every register width runs a tail, for finite-difference checks.

[Model(Channels = 3, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]
[Branches(1, 2, 2)]                               // three branches of 1, 2 and 2 layers, on the same input,
[Conv2D(4, 1, Activation.Relu)]                   //   concatenated along channels: 4 + 6 + 2
[Conv2D(4, 1, Activation.Relu)]
[Conv2D(6, 3, Activation.Relu, Padding = 1)]
[MaxPool(3, Stride = 1, Padding = 1)]
[Conv2D(2, 1, Activation.Relu)]
[GlobalAvgPool]
[Dense(5)]
public partial class TinyInception;

[Model(Channels = 1, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(6, 3, Activation.Relu, Padding = 1)]          // 0
[MaxPool(2)]                                          // 1
[Conv2D(8, 3, Activation.Relu, Padding = 1)]          // 2
[ConvTranspose2D(6, 2, Activation.Relu, Stride = 2)]  // 3: back to 8×8
[ConcatFrom(0)]                                       // 4: current value, then layer 0's output, along channels
[Conv2D(3, 1)]                                        // 5: per-pixel scores [3, 8, 8]
public partial class TinyFcn;

// Transposed convolutions with stride, padding and output padding, one without bias whose input gradient
// is added (its input is also concatenated later), and an upsampling.
[Model(Channels = 2, Height = 5, Width = 3, Loss = Loss.MeanSquaredError, Seed = 61)]
[ConvTranspose2D(3, 3, Activation.Tanh, Stride = 2, Padding = 1, OutputPadding = 1)] // [3, 10, 6]
[Conv2D(4, 3, Activation.Tanh, Stride = 2, Padding = 1)]                             // [4, 5, 3]
[ConvTranspose2D(2, 3, Activation.Sigmoid, Padding = 1, Bias = false)]               // [2, 5, 3]
[ConcatFrom(1)]                                                                      // [6, 5, 3]
[Upsample(2)]                                                                        // [6, 10, 6]
[Conv2D(2, 3, Stride = 3)]                                                           // [2, 3, 2]
[Dense(3)]
public partial class OddTransposedNet;

// Four branches, two of them empty (the input joined twice: its gradient is stored, then added).
[Model(Channels = 3, Height = 5, Width = 7, Loss = Loss.MeanSquaredError, Seed = 62)]
[Conv2D(4, 3, Activation.Tanh, Padding = 1)]       // [4, 5, 7]
[Branches(0, 1, 2, 0)]                             // 4 + 3 + 2 + 4 = 13 channels
[Conv2D(3, 1, Activation.Elu)]
[Upsample(2)]
[Conv2D(2, 2, Activation.Tanh, Stride = 2)]
[AvgPool(2)]                                       // [13, 2, 3] (smooth, so finite differences hold)
[Dense(3)]
public partial class OddBranchNet;

// Branches on vectors join along features.
[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 63)]
[Branches(1, 1)]
[Dense(3, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
[Dense(2)]
public partial class VectorBranchNet;

// Per-pixel classification over odd sides: 3 classes on 3 × 5 pixels.
[Model(Channels = 2, Height = 3, Width = 5, Loss = Loss.SoftmaxCrossEntropy, Seed = 64)]
[Conv2D(4, 3, Activation.Tanh, Padding = 1)]
[ConcatFrom(0)]
[Conv2D(3, 1)]
public partial class OddPixelNet;
