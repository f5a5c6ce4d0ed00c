namespace Specialized.Onnx.Tests;

/// <summary>The generated description agrees with the model's own tensor list and declaration.</summary>
public sealed class DescriptionTests
{
    [Fact]
    public void The_mlp_is_described_node_by_node()
    {
        ModelDescription description = MlpRelu.Description;
        Assert.Equal("Specialized.Onnx.Tests.MlpRelu", description.Name);
        Assert.Equal([64], description.InputShape);
        Assert.Equal([10], description.OutputShape);
        Assert.Equal(
            [
                new DenseNodeDescription("0", [0], 1, ["0.weight", "0.bias"], 128, Activation.Relu, true).ToString(),
                new DenseNodeDescription("1", [1], 2, ["1.weight", "1.bias"], 64, Activation.Relu, true).ToString(),
                new DenseNodeDescription("2", [2], 3, ["2.weight", "2.bias"], 10, Activation.Identity, true).ToString(),
            ],
            description.Nodes.Select(n => n.ToString()));
    }

    [Fact]
    public void A_residual_projection_block_owns_no_tensor_and_its_shortcut_owns_its_own()
    {
        var nodes = ResNetTiny.Description.Nodes;
        var join = Assert.IsType<AddNodeDescription>(nodes.Single(n => n.Name == "3"));
        Assert.Empty(join.Tensors);
        Assert.Equal(Activation.Relu, join.Activation);
        var projection = Assert.IsType<Conv2DNodeDescription>(nodes.Single(n => n.Name == "3.shortcut.0"));
        Assert.Equal(["3.shortcut.0.weight"], projection.Tensors);
        Assert.Equal((16, 1, 2, 0, false), (projection.Filters, projection.Kernel, projection.Stride, projection.Padding, projection.Bias));
    }

    [Fact]
    public void Recurrent_options_are_described()
    {
        var nodes = LstmStack.Description.Nodes;
        var lstm = Assert.IsType<RecurrentNodeDescription>(nodes[0]);
        Assert.Equal((RecurrentCell.Lstm, 12, true), (lstm.Cell, lstm.Hidden, lstm.ReturnSequences));
        var gru = Assert.IsType<RecurrentNodeDescription>(nodes[1]);
        Assert.Equal((RecurrentCell.Gru, 8, false), (gru.Cell, gru.Hidden, gru.ReturnSequences));
        Assert.Equal([10, 12], LstmStack.Description.Values[lstm.Output].Shape);
    }

    [Fact]
    public void Every_tensor_belongs_to_exactly_one_node_in_every_model()
    {
        AssertOwnership<MlpBnResidual>();
        AssertOwnership<MlpResidualProjection>();
        AssertOwnership<CnnBnGap>();
        AssertOwnership<ResNetTiny>();
        AssertOwnership<LstmStack>();
        AssertOwnership<OddConvNet>();
        AssertOwnership<NestedResidualNet>();
    }

    private static void AssertOwnership<TModel>() where TModel : IModel
    {
        var owned = TModel.Description!.Nodes.SelectMany(n => n.Tensors).ToList();
        Assert.Equal(TModel.Tensors.Select(t => t.Name).Order(), owned.Order());
    }
}
