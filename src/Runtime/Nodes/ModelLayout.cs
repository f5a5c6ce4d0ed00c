namespace Specialized.Nodes;

/// <summary>Sizes of a model's state: flat tensors, graph values (floats per sample, by value id), saved states and scratch.</summary>
/// <param name="ParameterCount">Trainable floats.</param>
/// <param name="BufferCount">Non-trainable floats (running statistics).</param>
/// <param name="IntegerBufferCount">Non-trainable 64-bit integers (<c>num_batches_tracked</c>).</param>
/// <param name="ValueSizes">Floats per sample of each graph value; value 0 is the input.</param>
/// <param name="OutputValue">The value that holds the model's output.</param>
/// <param name="SavedCount">Saved states nodes keep between the training forward and backward passes.</param>
/// <param name="ScratchFloats">Floats of backward scratch.</param>
public sealed record ModelLayout(int ParameterCount, int BufferCount, int IntegerBufferCount, int[] ValueSizes, int OutputValue, int SavedCount, int ScratchFloats);
