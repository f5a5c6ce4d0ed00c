using Specialized.IO;

namespace Specialized;

/// <summary>
/// What every generated model offers, so <c>Trainer&lt;TModel&gt;</c>, tests and benchmarks can be
/// generic over models. The sizes are static abstract members, resolved at compile time for a
/// concrete model type; the generated class also exposes them as <c>const</c> fields.
/// </summary>
/// <remarks>
/// Thread safety: one instance holds its own parameters, buffers, gradients and training buffers.
/// <see cref="Forward"/> only reads the parameters and buffers and writes per-thread scratch, so it
/// may be called from several threads at once on one instance while nobody trains or loads weights
/// into it. <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/>,
/// both <c>LoadWeights</c> overloads and <see cref="ResetParameters"/> mutate the instance: two of them at
/// once throw <see cref="InvalidOperationException"/> rather than corrupt it.
/// </remarks>
public interface IModel
{
    /// <summary>Floats in one input sample.</summary>
    static abstract int InputSize { get; }

    /// <summary>Floats in one output sample.</summary>
    static abstract int OutputSize { get; }

    /// <summary>Total trainable parameters (length of <see cref="Parameters"/>).</summary>
    static abstract int ParameterCount { get; }

    /// <summary>The declared training loss.</summary>
    static abstract Loss Loss { get; }

    /// <summary>
    /// Whether the model has recurrent layers (RNN, LSTM, GRU): the trainer then clips gradients by norm
    /// unless told otherwise, the usual remedy for exploding gradients through time.
    /// </summary>
    static virtual bool HasRecurrentLayers => false;

    /// <summary>
    /// Class labels per sample that <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/> takes:
    /// 1, or Height × Width for a model whose output is an image <c>[C, H, W]</c> of per-pixel class scores
    /// (softmax cross-entropy per pixel; the labels are then one class map <c>[H, W]</c> per sample).
    /// </summary>
    static virtual int LabelsPerSample => 1;

    /// <summary>Every parameter tensor with its PyTorch name, shape and place in <see cref="Parameters"/>.</summary>
    static abstract IReadOnlyList<ModelTensor> ParameterTensors { get; }

    /// <summary>Every tensor, parameters and buffers, in <c>state_dict()</c> order with its kind and dtype.</summary>
    static abstract IReadOnlyList<ModelTensor> Tensors { get; }

    /// <summary>
    /// The model's graph as data (values, nodes, options, tensor names), for tools such as the ONNX exporter.
    /// Generated models describe themselves; a hand-written implementation has none unless it says otherwise.
    /// </summary>
    static virtual ModelDescription? Description => null;

    /// <summary>All trainable parameters, contiguous; an optimizer updates them in place.</summary>
    Span<float> Parameters { get; }

    /// <summary>Gradient of the last <c>ComputeGradients</c> loss, in the same layout as <see cref="Parameters"/>.</summary>
    Span<float> Gradients { get; }

    /// <summary>Non-trainable float state (BatchNorm running statistics); empty when the model has none.</summary>
    Span<float> Buffers { get; }

    /// <summary>Non-trainable integer state (BatchNorm <c>num_batches_tracked</c>); empty when the model has none.</summary>
    Span<long> IntegerBuffers { get; }

    /// <summary>Inference: batch = <c>inputs.Length / InputSize</c>; writes batch × OutputSize floats.</summary>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>Training step for class-label losses: returns the mean loss and fills <see cref="Gradients"/>.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>Training step for element-wise losses: returns the mean loss and fills <see cref="Gradients"/>.</summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>Draws new initial parameters from <paramref name="seed"/> and resets every buffer.</summary>
    void ResetParameters(int seed);

    /// <summary>Replaces every tensor with those of a safetensors file (PyTorch names and shapes); on any error nothing changes.</summary>
    void LoadWeights(string path);

    /// <summary>
    /// As <see cref="LoadWeights(string)"/>, from safetensors bytes already in memory (<see cref="SafeTensorsFile.Parse"/>
    /// of a stream, an embedded resource, or an importer's output such as the ONNX package's), so nothing is written to disk.
    /// </summary>
    void LoadWeights(SafeTensorsFile weights);

    /// <summary>Writes every tensor to a safetensors file (PyTorch names and shapes), atomically.</summary>
    void SaveWeights(string path);
}
