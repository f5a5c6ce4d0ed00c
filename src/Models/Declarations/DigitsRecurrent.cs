namespace Specialized.Models;

/// <summary>Reads a digit row by row: 8 time steps of 8 pixels, an LSTM of 32, then 10 logits.</summary>
[Model(Sequence = 8, Features = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Lstm(32)]
[Dense(10)]
public partial class DigitsRowLstm;

/// <summary>The same with a GRU of 32.</summary>
[Model(Sequence = 8, Features = 8, Loss = Loss.SoftmaxCrossEntropy)]
[Gru(32)]
[Dense(10)]
public partial class DigitsRowGru;

/// <summary>Predicts the next value of a noisy 8-channel sine from 32 steps (data/sine_next.csv), as the PyTorch reference's LSTM 8→32 + Linear.</summary>
[Model(Sequence = 32, Features = 8, Loss = Loss.MeanSquaredError)]
[Lstm(32)]
[Dense(1)]
public partial class SineLstm;
