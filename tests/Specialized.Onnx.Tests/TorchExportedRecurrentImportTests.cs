using Google.Protobuf;
using Onnx;

namespace Specialized.Onnx.Tests;

/// <summary>
/// Import of recurrent weights from a graph laid out as <c>torch.onnx.export</c> writes a batch-first LSTM or GRU
/// followed by a linear head: the recurrent weights are the ONNX node's own packed W [1, G·H, F], R [1, G·H, H] and
/// B [1, 2·G·H] in ONNX's gate order under anonymous <c>onnx::LSTM_n</c> names, the head's under its module names. The
/// graph is built here by hand (no PyTorch on this machine) and run by ONNX Runtime: the reference the loaded model's
/// Forward must match, so a gate block put back in the wrong place fails.
/// </summary>
public sealed class TorchExportedRecurrentImportTests
{
    [Fact]
    public void An_lstm_exported_by_torch_loads_through_a_name_map_and_matches_onnx_runtime() =>
        AssertImportMatchesOnnxRuntime(new LstmSeq(), "LSTM", gates: 4, hidden: 32, features: 8, steps: 32, outputs: 1, firstId: 135);

    [Fact]
    public void A_gru_exported_by_torch_loads_through_a_name_map_and_matches_onnx_runtime() =>
        AssertImportMatchesOnnxRuntime(new GruSeq(), "GRU", gates: 3, hidden: 16, features: 5, steps: 20, outputs: 2, firstId: 88);

    [Fact]
    public void Packed_biases_of_the_wrong_length_are_refused_naming_the_initializer()
    {
        using var directory = new TestData.TemporaryDirectory();
        string path = directory.File("torch_lstm.onnx");
        ModelProto file = TorchStyleGraph("LSTM", 4, 32, 8, 32, 1, 135, seed: 1);
        TensorProto bias = file.Graph.Initializer.Single(t => t.Name == "onnx::LSTM_137");
        bias.Dims[1] = 4 * 32; // one half only: neither ONNX's packed [1, 2·G·H] nor PyTorch's [G·H]
        bias.RawData = ByteString.CopyFrom(bias.RawData.Span[..(4 * 32 * sizeof(float))]);
        File.WriteAllBytes(path, file.ToByteArray());
        var model = new LstmSeq();
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => model.LoadWeightsFromOnnx(path, NameMap("onnx::LSTM_", 135)));
        Assert.Contains("initializer 'onnx::LSTM_137' has shape [1, 128], the model expects [128]", error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    private static void AssertImportMatchesOnnxRuntime<TModel>(TModel model, string operation, int gates, int hidden, int features, int steps, int outputs, int firstId)
        where TModel : IModel
    {
        using var directory = new TestData.TemporaryDirectory();
        string path = directory.File($"torch_{operation.ToLowerInvariant()}.onnx");
        File.WriteAllBytes(path, TorchStyleGraph(operation, gates, hidden, features, steps, outputs, firstId, seed: 7).ToByteArray());

        model.ResetParameters(seed: 3);
        model.LoadWeightsFromOnnx(path, NameMap($"onnx::{operation}_", firstId));

        const int batch = 3;
        float[] inputs = TestData.Uniform(batch * steps * features, seed: 11);
        float[] ours = new float[batch * outputs];
        model.Forward(inputs, ours);
        using var runtime = new OnnxRuntimeRunner(path);
        float[] reference = runtime.Run(inputs, [steps, features]);
        Assert.Equal(reference.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++) Assert.True(Math.Abs(ours[i] - reference[i]) <= 1e-5f, $"output {i}: ours {ours[i]}, ONNX Runtime {reference[i]}");
    }

    // Model tensor → initializer, as a user would write it after reading the exported graph's LSTM/GRU node inputs.
    private static Dictionary<string, string> NameMap(string prefix, int firstId) => new()
    {
        ["0.weight_ih_l0"] = prefix + firstId,
        ["0.weight_hh_l0"] = prefix + (firstId + 1),
        ["0.bias_ih_l0"] = prefix + (firstId + 2),
        ["0.bias_hh_l0"] = prefix + (firstId + 2),
        ["1.weight"] = "fc.weight",
        ["1.bias"] = "fc.bias",
    };

    // input [N, T, F] → Transpose → LSTM/GRU → Y [T, 1, N, H] → Squeeze → Transpose → Gather(t = −1) → Gemm(fc) → output.
    private static ModelProto TorchStyleGraph(string operation, int gates, int hidden, int features, int steps, int outputs, int firstId, int seed)
    {
        var graph = new GraphProto { Name = "main_graph" };
        string id(int k) => $"onnx::{operation}_{firstId + k}";
        graph.Initializer.Add(Floats(id(0), [1, gates * hidden, features], seed));
        graph.Initializer.Add(Floats(id(1), [1, gates * hidden, hidden], seed + 1));
        graph.Initializer.Add(Floats(id(2), [1, 2 * gates * hidden], seed + 2));
        graph.Initializer.Add(Floats("fc.weight", [outputs, hidden], seed + 3));
        graph.Initializer.Add(Floats("fc.bias", [outputs], seed + 4));
        graph.Initializer.Add(new TensorProto { Name = "axis1", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { 1 } });
        graph.Initializer.Add(new TensorProto { Name = "last", DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { -1 } });

        graph.Node.Add(Node("Transpose", ["input"], ["/rnn/Transpose_output_0"], Ints("perm", 1, 0, 2)));
        var recurrent = Node(operation, ["/rnn/Transpose_output_0", id(0), id(1), id(2)], ["/rnn/Y", "/rnn/Y_h"], new AttributeProto { Name = "hidden_size", Type = AttributeProto.Types.AttributeType.Int, I = hidden });
        if (operation == "GRU") recurrent.Attribute.Add(new AttributeProto { Name = "linear_before_reset", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        graph.Node.Add(recurrent);
        graph.Node.Add(Node("Squeeze", ["/rnn/Y", "axis1"], ["/rnn/Squeeze_output_0"]));
        graph.Node.Add(Node("Transpose", ["/rnn/Squeeze_output_0"], ["/rnn/batch_first"], Ints("perm", 1, 0, 2)));
        graph.Node.Add(Node("Gather", ["/rnn/batch_first", "last"], ["/Gather_output_0"], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 }));
        graph.Node.Add(Node("Gemm", ["/Gather_output_0", "fc.weight", "fc.bias"], ["output"], new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 }));

        graph.Input.Add(Value("input", new TensorShapeProto.Types.Dimension { DimParam = "batch" }, new() { DimValue = steps }, new() { DimValue = features }));
        graph.Output.Add(Value("output", new TensorShapeProto.Types.Dimension { DimParam = "batch" }, new() { DimValue = outputs }));
        var file = new ModelProto { IrVersion = 8, ProducerName = "pytorch", ProducerVersion = "2.1.0", Graph = graph };
        file.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return file;
    }

    private static TensorProto Floats(string name, long[] shape, int seed)
    {
        float[] values = TestData.Uniform((int)shape.Aggregate(1L, (p, d) => p * d), seed);
        for (int i = 0; i < values.Length; i++) values[i] *= 0.4f;
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.Add(shape);
        return tensor;
    }

    private static NodeProto Node(string operation, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = operation, Name = outputs[0].Replace("_output_0", "", StringComparison.Ordinal) };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    private static ValueInfoProto Value(string name, params TensorShapeProto.Types.Dimension[] dimensions)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(dimensions);
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }
}
