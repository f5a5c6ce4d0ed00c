namespace Specialized.Models;

/// <summary>
/// An Inception-style network on the 8×8 digits: after a stem convolution and a pool, one Inception
/// module runs a 1×1 convolution, a 3×3 convolution, and a 3×3 max pool followed by a 1×1 projection
/// side by side, and concatenates them (8 + 12 + 4 channels). With only 8 input channels a 1×1 reduction
/// before the 3×3 saves little and its bottleneck cost 1–3 points of accuracy in our runs, so the 3×3
/// branch reads the stem directly; 2,034 parameters against <see cref="DigitsCnn"/>'s 1,898.
/// </summary>
[Model(Channels = 1, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Conv2D(8, 3, Activation.Relu, Padding = 1)]     // 0: stem [8, 8, 8]
[MaxPool(2)]                                     // 1: [8, 4, 4]
[Branches(1, 1, 2)]                              // 2: the Inception module → [24, 4, 4]
[Conv2D(8, 1, Activation.Relu)]                  //    2.branches.0.0: 1×1
[Conv2D(12, 3, Activation.Relu, Padding = 1)]    //    2.branches.1.0: 3×3
[MaxPool(3, Stride = 1, Padding = 1)]            //    2.branches.2.0: 3×3 pool
[Conv2D(4, 1, Activation.Relu)]                  //    2.branches.2.1: 1×1 projection
[MaxPool(2)]                                     // 3: [24, 2, 2]
[Dense(10)]                                      // 4
public partial class DigitsInception;
