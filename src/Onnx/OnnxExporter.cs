using Google.Protobuf;
using Onnx;

namespace Specialized.Onnx;

/// <summary>
/// Writes a generated model as an ONNX file that ONNX Runtime (or any ONNX consumer) runs with the model's
/// inference semantics: the graph from the model's <see cref="IModel.Description"/>, every weight an
/// initializer under its PyTorch <c>state_dict()</c> name and shape, a symbolic batch dimension
/// (<c>input [batch, …]</c> → <c>output [batch, …]</c>), BatchNorm on running statistics, Dropout as the
/// identity, opset <see cref="Opset"/>.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the exported graphs use.</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version written (the one that introduced opset 17).</summary>
    public const int IrVersion = 8;

    /// <summary>The name of the exported graph's input.</summary>
    public const string InputName = OnnxNodeTranslator.InputName;

    /// <summary>The name of the exported graph's output.</summary>
    public const string OutputName = OnnxNodeTranslator.OutputName;

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> through a temporary file renamed over the
    /// target, so a failure never leaves a partial file.
    /// </summary>
    /// <exception cref="NotSupportedException">The model has no description, or a node cannot be exported (the message names it).</exception>
    public static void Export<TModel>(TModel model, string path) where TModel : IModel
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToBytes(model);
        Specialized.IO.AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The ONNX file of <paramref name="model"/> as bytes (e.g. to create an inference session in memory).</summary>
    /// <exception cref="NotSupportedException">The model has no description, or a node cannot be exported (the message names it).</exception>
    public static byte[] ToBytes<TModel>(TModel model) where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelDescription description = TModel.Description
            ?? throw new NotSupportedException($"{typeof(TModel).FullName} has no graph description (IModel.Description): only models declared with [Model] and generated can be exported to ONNX.");
        var graph = new OnnxGraphBuilder(description.Name);
        var translator = new OnnxNodeTranslator(graph, description, new ModelTensorData(TModel.Tensors, model.Parameters, model.Buffers));
        graph.Input(InputName, description.InputShape);
        foreach (NodeDescription node in description.Nodes) translator.Translate(node);
        if (description.OutputValue == 0) graph.Node("Identity", "output", [InputName], OutputName);
        graph.Output(OutputName, description.OutputShape);

        var file = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Specialized.Onnx",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
            DocString = $"{description.Name}, exported for inference: BatchNorm uses its running statistics, Dropout is the identity.",
            Graph = graph.Graph,
        };
        file.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return file.ToByteArray();
    }
}
