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
        AssertOwnership<TinyInception>();
        AssertOwnership<TinyFcn>();
        AssertOwnership<TransposedUpsampleNet>();
    }

    [Fact]
    public void Concatenations_transposed_convolutions_and_upsampling_are_described()
    {
        var fcn = TinyFcn.Description.Nodes;
        var deconv = Assert.IsType<ConvTranspose2DNodeDescription>(fcn[3]);
        Assert.Equal((6, 2, 2, 0, 0, Activation.Relu, true), (deconv.Filters, deconv.Kernel, deconv.Stride, deconv.Padding, deconv.OutputPadding, deconv.Activation, deconv.Bias));
        Assert.Equal(["3.weight", "3.bias"], deconv.Tensors);
        var skip = Assert.IsType<ConcatNodeDescription>(fcn[4]);
        Assert.Equal([deconv.Output, fcn[0].Output], skip.Inputs); // the current value first, then layer 0's output
        Assert.Equal(0, skip.Axis);
        Assert.Equal([12, 8, 8], TinyFcn.Description.Values[skip.Output].Shape);

        var inception = TinyInception.Description.Nodes;
        var branches = Assert.IsType<ConcatNodeDescription>(inception.Single(n => n.Name == "1"));
        Assert.Equal(3, branches.Inputs.Count);

        var odd = TransposedUpsampleNet.Description.Nodes;
        var padded = Assert.IsType<ConvTranspose2DNodeDescription>(odd[0]);
        Assert.Equal((3, 2, 1, 1), (padded.Kernel, padded.Stride, padded.Padding, padded.OutputPadding));
        Assert.False(Assert.IsType<ConvTranspose2DNodeDescription>(odd[2]).Bias);
        var upsample = Assert.IsType<UpsampleNodeDescription>(odd[4]);
        Assert.Equal((2, UpsampleMode.Nearest), (upsample.Factor, upsample.Mode));
        Assert.Equal([6, 10, 6], TransposedUpsampleNet.Description.Values[upsample.Output].Shape);
    }

    private static void AssertOwnership<TModel>() where TModel : IModel
    {
        var owned = TModel.Description!.Nodes.SelectMany(n => n.Tensors).ToList();
        Assert.Equal(TModel.Tensors.Select(t => t.Name).Order(), owned.Order());
    }
}
