namespace Specialized.Models;

/// <summary>
/// The convolutional issue's digits network: 1×8×8 → Conv 8@3×3 pad 1 ReLU → MaxPool 2 → Conv 16@3×3
/// pad 1 ReLU → MaxPool 2 → Dense 10 (flattened channel-major, as PyTorch). Its tensors match the
/// <c>cnn_digits</c> fixture: "0.*", "2.*", "4.*" (the pools take positions 1 and 3).
/// </summary>
[Model(Channels = 1, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]
[MaxPool(2)]
[Conv2D(16, 3, Activation.Relu, Padding = 1)]
[MaxPool(2)]
[Dense(10)]
public partial class DigitsCnn;
