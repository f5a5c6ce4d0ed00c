namespace Specialized.Models.Tests.Declarations;

// Twins of LstmSeq (Lstm(32) → Dense(1)) over shorter sequences: the same tensors, so lstm_seq's weights load into
// each, and Forward on a sequence of t steps is what a step of LstmSeq must give after t steps.

[Model(Sequence = 1, Features = 8, Loss = Loss.MeanSquaredError)]
[Lstm(32)]
[Dense(1)]
public partial class LstmSeqOneStep;

[Model(Sequence = 7, Features = 8, Loss = Loss.MeanSquaredError)]
[Lstm(32)]
[Dense(1)]
public partial class LstmSeqSevenSteps;

[Model(Sequence = 19, Features = 8, Loss = Loss.MeanSquaredError)]
[Lstm(32)]
[Dense(1)]
public partial class LstmSeqNineteenSteps;

// A model whose output is every step of its last recurrent layer: a step gives that step's row. Stacked, with a
// Dropout between (the identity at inference) and every kind of recurrent layer; odd sizes leave register tails.
[Model(Sequence = 9, Features = 3, Loss = Loss.MeanSquaredError, Streaming = true)]
[Lstm(17, ReturnSequences = true)]
[Dropout(0.25)]
[Gru(5, ReturnSequences = true)]
[Rnn(20, Activation.Relu, ReturnSequences = true)]
public partial class StreamingEveryStep;

// The audio-effect shape of the benchmarks: one sample in, one out, LSTM-16 and GRU-16.
[Model(Sequence = 32, Features = 1, Loss = Loss.MeanSquaredError, Streaming = true)]
[Lstm(16)]
[Dense(1)]
public partial class StreamingLstm16;

[Model(Sequence = 32, Features = 1, Loss = Loss.MeanSquaredError, Streaming = true)]
[Gru(16)]
[Dense(1)]
public partial class StreamingGru16;
