using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;

namespace Specialized.Generators.Tests;

/// <summary>The planner alone: offsets, sizes and tiles from a spec.</summary>
public class PlannerTests
{
    private static ModelSpec Spec(int input, params int[] units) =>
        new(null, "Net", "public", input, LossKind.SoftmaxCrossEntropy, 42,
            units.Select((u, i) => new LayerSpec(LayerKind.Dense, i, u, ActivationKind.Relu, i.ToString(), InitializerKind.Default)).ToEquatableArray());

    [Fact]
    public void Digits_mlp_parameters_are_laid_out_layer_by_layer_weights_then_bias()
    {
        var plan = ModelPlanner.Plan(Spec(64, 128, 64, 10));
        Assert.Equal(17226, plan.ParameterCount);
        Assert.Equal(10, plan.OutputSize);
        Assert.Equal([0, 8320, 16576], plan.Layers.Select(l => l.WeightOffset));
        Assert.Equal([8192, 16512, 17216], plan.Layers.Select(l => l.BiasOffset));
        Assert.Equal(128, plan.MaxWidth);
        Assert.Equal(64, plan.TileRows);
    }

    [Fact]
    public void Wide_layers_shrink_the_inference_tile_to_keep_scratch_in_cache()
    {
        var plan = ModelPlanner.Plan(Spec(4096, 4096, 2));
        Assert.Equal(4, plan.TileRows);
    }

    [Fact]
    public void Equal_specs_plan_to_equal_plans()
    {
        Assert.Equal(ModelPlanner.Plan(Spec(13, 16, 3)), ModelPlanner.Plan(Spec(13, 16, 3)));
        Assert.NotEqual(ModelPlanner.Plan(Spec(13, 16, 3)), ModelPlanner.Plan(Spec(13, 16, 4)));
    }
}
