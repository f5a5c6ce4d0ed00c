using Google.Protobuf;
using Onnx;

namespace Specialized.Onnx.Tests;

/// <summary>LoadWeightsFromOnnx: every tensor comes back bit for bit; a bad file throws naming the initializer and changes nothing.</summary>
public sealed class WeightImportTests
{
    [Fact] public void Mlp_weights_round_trip_through_an_onnx_file() => RoundTrip(new MlpRelu(), "mlp_relu", new MlpRelu());
    [Fact] public void BatchNorm_and_residual_weights_round_trip() => RoundTrip(new ResNetTiny(), "resnet_tiny", new ResNetTiny());
    [Fact] public void Recurrent_weights_round_trip_in_pytorch_layout() => RoundTrip(new LstmStack(), "lstm_stack", new LstmStack());

    [Fact]
    public void A_missing_initializer_throws_naming_it_and_leaves_the_model_untouched()
    {
        var target = new MlpBnResidual();
        target.ResetParameters(seed: 3);
        AssertRejected(new MlpBnResidual(), "mlp_bn_residual", target, graph => graph.Initializer.Remove(graph.Initializer.Single(t => t.Name == "1.running_var")), "missing '1.running_var'");
    }

    [Fact]
    public void A_misshapen_initializer_throws_naming_it_and_leaves_the_model_untouched()
    {
        AssertRejected(new MlpRelu(), "mlp_relu", new MlpRelu(), graph =>
        {
            TensorProto weight = graph.Initializer.Single(t => t.Name == "1.weight");
            weight.Dims.Clear();
            weight.Dims.Add([128, 64]); // the transpose of [64, 128]: same count, wrong shape
        }, "initializer '1.weight' has shape [128, 64], the model expects [64, 128]");
    }

    [Fact]
    public void An_initializer_of_another_type_throws_naming_it()
    {
        AssertRejected(new MlpBinary(), "mlp_binary", new MlpBinary(), graph =>
        {
            TensorProto bias = graph.Initializer.Single(t => t.Name == "0.bias");
            bias.DataType = (int)TensorProto.Types.DataType.Double;
        }, "initializer '0.bias' has ONNX data type Double, the model expects Float");
    }

    [Fact]
    public void A_truncated_initializer_throws_as_damaged()
    {
        AssertRejected(new MlpBinary(), "mlp_binary", new MlpBinary(), graph =>
        {
            TensorProto weight = graph.Initializer.Single(t => t.Name == "0.weight");
            weight.RawData = ByteString.CopyFrom(weight.RawData.Span[..^4]);
        }, "initializer '0.weight' holds 29 values for its 30 elements");
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_rejected()
    {
        using var directory = new TestData.TemporaryDirectory();
        string path = directory.File("junk.onnx");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        var model = new MlpBinary();
        float[] before = model.Parameters.ToArray();
        Assert.Throws<InvalidDataException>(() => model.LoadWeightsFromOnnx(path));
        Assert.Equal(before, model.Parameters.ToArray());
    }

    [Fact]
    public void A_name_map_reads_initializers_named_otherwise()
    {
        using var directory = new TestData.TemporaryDirectory();
        var source = new MlpBinary();
        source.LoadWeights(TestData.Fixture("mlp_binary"));
        string path = directory.File("renamed.onnx");
        ModelProto file = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(source));
        foreach (TensorProto initializer in file.Graph.Initializer) initializer.Name = "classifier." + initializer.Name;
        File.WriteAllBytes(path, file.ToByteArray());

        var target = new MlpBinary();
        Assert.Throws<InvalidDataException>(() => target.LoadWeightsFromOnnx(path));
        target.LoadWeightsFromOnnx(path, new Dictionary<string, string> { ["0.weight"] = "classifier.0.weight", ["0.bias"] = "classifier.0.bias" });
        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
    }

    private static void RoundTrip<TModel>(TModel source, string fixture, TModel target) where TModel : IModel
    {
        using var directory = new TestData.TemporaryDirectory();
        source.LoadWeights(TestData.Fixture(fixture));
        string path = directory.File("model.onnx");
        source.ExportOnnx(path);
        target.ResetParameters(seed: 99);
        Assert.NotEqual(source.Parameters.ToArray(), target.Parameters.ToArray());
        target.LoadWeightsFromOnnx(path);
        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
        Assert.Equal(source.Buffers.ToArray(), target.Buffers.ToArray());
    }

    // Exports the fixture's model, damages the file, and checks that loading it throws with the message and changes nothing.
    private static void AssertRejected<TModel>(TModel source, string fixture, TModel target, Action<GraphProto> damage, string expectedMessage) where TModel : IModel
    {
        using var directory = new TestData.TemporaryDirectory();
        source.LoadWeights(TestData.Fixture(fixture));
        ModelProto file = ModelProto.Parser.ParseFrom(OnnxExporter.ToBytes(source));
        damage(file.Graph);
        string path = directory.File("damaged.onnx");
        File.WriteAllBytes(path, file.ToByteArray());

        float[] parameters = target.Parameters.ToArray(), buffers = target.Buffers.ToArray();
        long[] integers = target.IntegerBuffers.ToArray();
        var error = Assert.Throws<InvalidDataException>(() => target.LoadWeightsFromOnnx(path));
        Assert.Contains(expectedMessage, error.Message);
        Assert.Equal(parameters, target.Parameters.ToArray());
        Assert.Equal(buffers, target.Buffers.ToArray());
        Assert.Equal(integers, target.IntegerBuffers.ToArray());
    }
}
