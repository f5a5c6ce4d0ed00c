using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;

namespace Specialized.Generators.Tests;

/// <summary>The planner alone: the graph, offsets, gradient modes and scratch slots from a spec.</summary>
public class PlannerTests
{
    private static ModelSpec Spec(int input, params LayerSpec[] layers) =>
        new(null, "Net", "public", "class", new[] { input }.ToEquatableArray(), LossKind.SoftmaxCrossEntropy, 42, layers.ToEquatableArray());

    private static DenseSpec Dense(string name, int units, ActivationKind activation = ActivationKind.Relu) =>
        new(name, units, activation, InitializerKind.Default, Bias: true);

    [Fact]
    public void Digits_mlp_parameters_are_laid_out_layer_by_layer_weights_then_bias()
    {
        var plan = ModelPlanner.Plan(Spec(64, Dense("0", 128), Dense("1", 64), Dense("2", 10, ActivationKind.Identity)));
        Assert.Equal(17226, plan.ParameterCount);
        Assert.Equal(10, plan.OutputSize);
        Assert.Equal([0, 8320, 16576], plan.Nodes.OfType<DenseNodePlan>().Select(d => d.Offset));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight", "2.bias"], plan.Tensors.Select(t => t.Name));
        Assert.Equal([8192, 16512, 17216], plan.Tensors.Where(t => t.Name.EndsWith(".bias")).Select(t => t.Offset));
        Assert.Equal(64, plan.TileRows);
    }

    [Fact]
    public void A_chain_reuses_two_scratch_slots_by_liveness()
    {
        var plan = ModelPlanner.Plan(Spec(8, Dense("0", 16), Dense("1", 16), Dense("2", 16), Dense("3", 4)));
        Assert.Equal(2, plan.SlotCount);
        Assert.Equal([-1, 0, 1, 0, 1], plan.Values.Select(v => v.Slot));
    }

    [Fact]
    public void A_residual_keeps_its_input_alive_until_the_sum_and_the_body_adds_to_its_gradient()
    {
        var block = new ResidualSpec("1", ActivationKind.Relu, new LayerSpec[] { Dense("1.body.0", 16), Dense("1.body.1", 16, ActivationKind.Identity) }.ToEquatableArray());
        var plan = ModelPlanner.Plan(Spec(8, Dense("0", 16), block, Dense("2", 3, ActivationKind.Identity)));
        var sum = plan.Nodes.OfType<AddNodePlan>().Single();
        int shortcut = sum.Inputs[1];
        Assert.Equal(plan.Nodes[0].Output, shortcut);
        // Backward reaches the sum first: it stores both gradients; the body's first layer then adds to the shortcut's.
        Assert.Equal([GradientKind.Store, GradientKind.Store], sum.InputGradients);
        Assert.Equal(GradientKind.Add, plan.Nodes.Single(n => n.Label == "1.body.0").InputGradients[0]);
        Assert.Equal(GradientKind.None, plan.Nodes[0].InputGradients[0]);
        // The shortcut's slot is not reused while the body runs.
        var bodySlots = plan.Nodes.Where(n => n.Label.StartsWith("1.body")).Select(n => plan.Values[n.Output].Slot);
        Assert.DoesNotContain(plan.Values[shortcut].Slot, bodySlots);
        Assert.Equal(3, plan.SlotCount);
    }

    [Fact]
    public void A_body_that_changes_the_width_gets_a_projection_without_bias()
    {
        var block = new ResidualSpec("0", ActivationKind.Identity, new LayerSpec[] { Dense("0.body.0", 20, ActivationKind.Tanh) }.ToEquatableArray());
        var plan = ModelPlanner.Plan(Spec(12, block, Dense("1", 3, ActivationKind.Identity)));
        Assert.Equal(["0.body.0.weight", "0.body.0.bias", "0.shortcut.0.weight", "1.weight", "1.bias"], plan.Tensors.Select(t => t.Name));
        var projection = plan.Nodes.OfType<DenseNodePlan>().Single(d => !d.Bias);
        Assert.Equal(("0.shortcut.0", 12, 20), (projection.Label, projection.InputCount, projection.Units));
    }

    [Fact]
    public void BatchNorm_has_parameters_float_buffers_and_an_int64_counter()
    {
        var plan = ModelPlanner.Plan(Spec(5, Dense("0", 6, ActivationKind.Identity), new BatchNormSpec("1", ActivationKind.Relu, 0.1, 1e-5), Dense("2", 2, ActivationKind.Identity)));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "2.weight", "2.bias"], plan.Tensors.Select(t => t.Name));
        Assert.Equal(12, plan.BufferCount);
        Assert.Equal(1, plan.IntegerBufferCount);
        var counter = plan.Tensors.Single(t => t.IsInt64);
        Assert.True(counter.IsBuffer);
        Assert.Empty(counter.Shape);
    }

    [Fact]
    public void Dropout_is_skipped_in_inference_its_output_aliasing_its_input()
    {
        var plan = ModelPlanner.Plan(Spec(5, Dense("0", 6), new DropoutSpec("1", 0.5), Dense("2", 2, ActivationKind.Identity)));
        var dropout = plan.Nodes.OfType<DropoutNodePlan>().Single();
        Assert.Equal(dropout.Inputs[0], plan.Values[dropout.Output].AliasOf);
        Assert.Equal(plan.Values[dropout.Inputs[0]].Slot, plan.Values[dropout.Output].Slot);
    }

    [Fact]
    public void Wide_layers_shrink_the_inference_tile_to_keep_scratch_in_cache()
    {
        var plan = ModelPlanner.Plan(Spec(4096, Dense("0", 4096), Dense("1", 2, ActivationKind.Identity)));
        Assert.Equal(4, plan.TileRows);
    }

    [Fact]
    public void Equal_specs_plan_to_equal_plans()
    {
        Assert.Equal(ModelPlanner.Plan(Spec(13, Dense("0", 16), Dense("1", 3))), ModelPlanner.Plan(Spec(13, Dense("0", 16), Dense("1", 3))));
        Assert.NotEqual(ModelPlanner.Plan(Spec(13, Dense("0", 16), Dense("1", 3))), ModelPlanner.Plan(Spec(13, Dense("0", 16), Dense("1", 4))));
    }
}
