namespace Specialized.Models;

/// <summary>
/// The foundation's multi-layer perceptron for the 8×8 digits: 64 pixels (scaled to [0, 1]) →
/// 128 ReLU → 64 ReLU → 10 logits, trained with softmax cross-entropy. Its tensor names match a
/// PyTorch <c>nn.Sequential(Linear(64,128), ReLU(), Linear(128,64), ReLU(), Linear(64,10))</c>
/// once the activation modules are left out of the numbering ("0", "1", "2").
/// </summary>
[Model(Input = 64, Loss = Loss.SoftmaxCrossEntropy)]
[Dense(128, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(10)]
public partial class DigitsMlp;
