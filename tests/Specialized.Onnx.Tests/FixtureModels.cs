namespace Specialized.Onnx.Tests;

// Every PyTorch fixture of ../fixtures/README.md that the generator builds, declared as its metadata says
// (the same declarations as the models tests; this project declares its own so it depends on no other test project).

[Model(Input = 64, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(128, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(10)]
public partial class MlpRelu;

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

[Model(Sequence = 32, Features = 8, Loss = Loss.MeanSquaredError)]
[Lstm(32)]
[Dense(1)]
public partial class LstmSeq;

[Model(Sequence = 20, Features = 5, Loss = Loss.MeanSquaredError)]
[Gru(16)]
[Dense(2)]
public partial class GruSeq;

[Model(Sequence = 12, Features = 4, Loss = Loss.SoftmaxCrossEntropy)]
[Rnn(8)]
[Dense(3)]
public partial class RnnSeq;

[Model(Sequence = 10, Features = 6, Loss = Loss.MeanSquaredError)]
[Lstm(12, ReturnSequences = true)]
[Gru(8)]
[Dense(2)]
public partial class LstmStack;

[Model(Channels = 3, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]
[Branches(1, 2, 2)]
[Conv2D(4, 1, Activation.Relu)]
[Conv2D(4, 1, Activation.Relu)]
[Conv2D(6, 3, Activation.Relu, Padding = 1)]
[MaxPool(3, Stride = 1, Padding = 1)]
[Conv2D(2, 1, Activation.Relu)]
[GlobalAvgPool]
[Dense(5)]
public partial class TinyInception;

[Model(Channels = 1, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(6, 3, Activation.Relu, Padding = 1)]
[MaxPool(2)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]
[ConvTranspose2D(6, 2, Activation.Relu, Stride = 2)]
[ConcatFrom(0)]
[Conv2D(3, 1)]
public partial class TinyFcn;
