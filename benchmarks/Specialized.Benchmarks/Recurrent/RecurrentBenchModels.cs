namespace Specialized.Benchmarks.Recurrent;

// The shapes of the issue and of RTNeural's and PyTorch's figures in REFERENCE.md.

/// <summary>LSTM 8→32 over 32 steps, then one output: the full-sequence and training benchmarks, and an 8→32 streaming step.</summary>
[Model(Sequence = 32, Features = 8, Loss = Loss.MeanSquaredError)]
[Lstm(32)]
[Dense(1)]
public partial class BenchLstm32;

/// <summary>LSTM-16 on one input per step (an audio effect's shape), streamed.</summary>
[Model(Sequence = 32, Features = 1, Loss = Loss.MeanSquaredError, Streaming = true)]
[Lstm(16)]
[Dense(1)]
public partial class BenchLstm16;

/// <summary>GRU-16 on one input per step, streamed.</summary>
[Model(Sequence = 32, Features = 1, Loss = Loss.MeanSquaredError, Streaming = true)]
[Gru(16)]
[Dense(1)]
public partial class BenchGru16;

/// <summary>GRU-16 with no head, streamed: the model Step's cost around the layer, less the Dense head's.</summary>
[Model(Sequence = 32, Features = 1, Loss = Loss.MeanSquaredError, Streaming = true)]
[Gru(16)]
public partial class BenchGru16NoHead;
