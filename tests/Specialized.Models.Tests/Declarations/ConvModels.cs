namespace Specialized.Models.Tests.Declarations;

// The convolutional fixtures of ../fixtures/README.md, declared as their metadata says.

[Model(Channels = 1, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]
[MaxPool(2)]
[Conv2D(16, 3, Activation.Relu, Padding = 1)]
[MaxPool(2)]
[Dense(10)]
public partial class CnnDigits;

[Model(Channels = 1, Height = 28, Width = 28, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(6, 5, Activation.Relu)]
[MaxPool(2)]
[Conv2D(16, 5, Activation.Relu)]
[MaxPool(2)]
[Dense(120, Activation.Relu)]
[Dense(84, Activation.Relu)]
[Dense(10)]
public partial class LeNet;

[Model(Channels = 3, Height = 12, Width = 12, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Stride = 2, Padding = 1)]
[BatchNorm(Activation.Relu)]
[Conv2D(12, 3, Activation.Relu, Padding = 1)]
[AvgPool(2)]
[GlobalAvgPool]
[Dense(5)]
public partial class CnnBnGap;

[Model(Channels = 3, Height = 10, Width = 10, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Padding = 1)]
[BatchNorm(Activation.Relu)]
[Residual(Layers = 4, Activation = Activation.Relu)]
[Conv2D(8, 3, Padding = 1, Bias = false)]
[BatchNorm(Activation.Relu)]
[Conv2D(8, 3, Padding = 1, Bias = false)]
[BatchNorm]
[Residual(Layers = 4, Activation = Activation.Relu)]
[Conv2D(16, 3, Stride = 2, Padding = 1, Bias = false)]
[BatchNorm(Activation.Relu)]
[Conv2D(16, 3, Padding = 1, Bias = false)]
[BatchNorm]
[GlobalAvgPool]
[Dense(5)]
public partial class ResNetTiny;

// Odd, non-square work for finite differences: stride 2, padding 2, windows that do not tile, a 1×1 kernel.
[Model(Channels = 2, Height = 7, Width = 7, Loss = Loss.MeanSquaredError, Seed = 31)]
[Conv2D(3, 3, Activation.Tanh, Stride = 2, Padding = 2)]
[AvgPool(2, Stride = 1)]
[Conv2D(4, 1, Activation.Elu)]
[MaxPool(3, Stride = 2, Padding = 1)]
[Dense(2)]
public partial class OddConvNet;

[Model(Channels = 2, Height = 6, Width = 5, Loss = Loss.MeanSquaredError, Seed = 32)]
[Conv2D(4, 3, Padding = 1)]
[BatchNorm(Activation.Tanh)]
[Residual(Layers = 2, Activation = Activation.Tanh)]
[Conv2D(6, 3, Stride = 2, Padding = 1, Bias = false)]
[BatchNorm]
[GlobalAvgPool]
[Dense(2)]
public partial class ImageResidualNet;
