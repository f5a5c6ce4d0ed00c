namespace Specialized.Models.Tests.Declarations;

// Small models for finite-difference checks: one per activation (odd widths exercise every tail) and one per loss.

[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 1)] [Dense(9, Activation.Identity)] [Dense(3)] public partial class IdentityNet;
[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 2)] [Dense(9, Activation.Relu)] [Dense(3)] public partial class ReluNet;
[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 3)] [Dense(9, Activation.LeakyRelu)] [Dense(3)] public partial class LeakyReluNet;
[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 4)] [Dense(9, Activation.Elu)] [Dense(3)] public partial class EluNet;
[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 5)] [Dense(9, Activation.Sigmoid)] [Dense(3)] public partial class SigmoidNet;
[Model(Input = 5, Loss = Loss.MeanSquaredError, Seed = 6)] [Dense(9, Activation.Tanh)] [Dense(3)] public partial class TanhNet;

[Model(Input = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 7)] [Dense(17, Activation.Tanh)] [Dense(4)] public partial class SoftmaxNet;
[Model(Input = 6, Loss = Loss.BinaryCrossEntropy, Seed = 8)] [Dense(17, Activation.Tanh)] [Dense(3)] public partial class BinaryNet;
[Model(Input = 6, Loss = Loss.MeanAbsoluteError, Seed = 9)] [Dense(17, Activation.Tanh)] [Dense(3)] public partial class AbsoluteNet;
[Model(Input = 6, Loss = Loss.Hinge, Seed = 10)] [Dense(17, Activation.Tanh)] [Dense(4)] public partial class HingeNet;

// Wide enough that every register width runs whole vectors, several column blocks and a tail.
[Model(Input = 37, Loss = Loss.SoftmaxCrossEntropy, Seed = 11)] [Dense(67, Activation.Relu)] [Dense(33, Activation.Sigmoid)] [Dense(5)] public partial class WideNet;
