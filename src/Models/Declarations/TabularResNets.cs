namespace Specialized.Models;

/// <summary>
/// The layer graph's example on the breast-cancer set: a dense stem, BatchNorm, a residual block and
/// dropout, 30 standardized features → 2 classes.
/// </summary>
[Model(Input = 30, Loss = Loss.SoftmaxCrossEntropy, Seed = 7)]
[Dense(32)]
[BatchNorm(Activation.Relu)]
[Residual(Layers = 2, Activation = Activation.Relu)]
[Dense(32, Activation.Relu)]
[Dense(32)]
[Dropout(0.2)]
[Dense(2)]
public partial class BreastCancerResNet;

/// <summary>The same architecture on the wine set: 13 standardized features → 3 cultivars.</summary>
[Model(Input = 13, Loss = Loss.SoftmaxCrossEntropy, Seed = 7)]
[Dense(32)]
[BatchNorm(Activation.Relu)]
[Residual(Layers = 2, Activation = Activation.Relu)]
[Dense(32, Activation.Relu)]
[Dense(32)]
[Dropout(0.2)]
[Dense(3)]
public partial class WineResNet;
