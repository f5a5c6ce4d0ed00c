namespace Specialized.Models;

/// <summary>
/// An Inception-style network on the 8×8 digits: after a stem convolution and a pool, one Inception
/// module runs a 1×1 convolution, a 1×1 reduction followed by a 3×3 convolution, and a 3×3 max pool
/// followed by a 1×1 projection side by side, and concatenates them (8 + 8 + 4 channels). The 1×1
/// reductions keep it at 70% of the parameters of <see cref="DigitsCnn"/> (1,330 against 1,898).
/// </summary>
[Model(Channels = 1, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]     // 0: stem [8, 8, 8]
[MaxPool(2)]                                     // 1: [8, 4, 4]
[Branches(1, 2, 2)]                              // 2: the Inception module → [20, 4, 4]
[Conv2D(8, 1, Activation.Relu)]                  //    2.branches.0.0: 1×1
[Conv2D(4, 1, Activation.Relu)]                  //    2.branches.1.0: 1×1 reduction
[Conv2D(8, 3, Activation.Relu, Padding = 1)]     //    2.branches.1.1: 3×3
[MaxPool(3, Stride = 1, Padding = 1)]            //    2.branches.2.0: 3×3 pool
[Conv2D(4, 1, Activation.Relu)]                  //    2.branches.2.1: 1×1 projection
[MaxPool(2)]                                     // 3: [20, 2, 2]
[Dense(10)]                                      // 4
public partial class DigitsInception;
