namespace Specialized.Models.Tests.Declarations;

// The recurrent fixtures of ../fixtures/README.md, declared as their metadata says, and odd sizes for finite differences.

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

[Model(Sequence = 5, Features = 3, Loss = Loss.MeanSquaredError, Seed = 41)]
[Gru(7, ReturnSequences = true)]
[Rnn(5, ReturnSequences = true)] // tanh: a ReLU kink inside the ±h step would blur the difference quotient (the node tests check ReLU)
[Lstm(4)]
[Dense(2)]
public partial class OddRecurrentNet;
