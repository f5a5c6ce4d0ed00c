namespace Specialized.Onnx.Tests;

public sealed class ExportErrorTests
{
    [Fact]
    public void An_opaque_node_fails_with_its_name_and_kind_and_writes_no_file()
    {
        using var directory = new TestData.TemporaryDirectory();
        string path = directory.File("opaque.onnx");
        var error = Assert.Throws<NotSupportedException>(() => new ModelWithOpaqueNode().ExportOnnx(path));
        Assert.Equal("Node '1' (Attention) of Tests.ModelWithOpaqueNode cannot be exported to ONNX: ONNX export has no translation for this kind of node.", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public void A_model_without_a_description_fails_naming_its_type()
    {
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.ToBytes(new UndescribedModel()));
        Assert.Contains(typeof(UndescribedModel).FullName!, error.Message);
        Assert.Contains("no graph description", error.Message);
    }

    [Fact]
    public void Export_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        using var directory = new TestData.TemporaryDirectory();
        string path = directory.File("model.onnx");
        File.WriteAllText(path, "old contents");
        var model = new MlpRelu();
        model.ExportOnnx(path);
        Assert.Equal(OnnxExporter.ToBytes(model), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void A_graph_description_rejects_a_node_that_reads_a_value_written_later()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelDescription("Bad",
            [new ValueDescription([2]), new ValueDescription([3]), new ValueDescription([3])],
            [new DenseNodeDescription("0", [2], 1, [], 3, Activation.Identity, Bias: false), new DenseNodeDescription("1", [1], 2, [], 3, Activation.Identity, Bias: false)],
            outputValue: 2));
        Assert.Contains("Node '0' reads value 2", error.Message);
    }
}
