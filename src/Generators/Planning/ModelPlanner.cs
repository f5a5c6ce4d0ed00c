using System;
using System.Linq;
using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>Turns a checked spec into a plan: shape inference and parameter offsets. Cannot fail.</summary>
internal static class ModelPlanner
{
    /// <summary>Largest scratch tile (floats) per ping-pong buffer of an inference pass: 64 KiB keeps it in L2.</summary>
    private const int TileFloats = 16 * 1024;

    public static ModelPlan Plan(ModelSpec spec)
    {
        var layers = new DenseLayerPlan[spec.Layers.Count];
        int offset = 0, inputs = spec.InputSize;
        for (int i = 0; i < layers.Length; i++)
        {
            LayerSpec layer = spec.Layers[i];
            int weightOffset = offset;
            int biasOffset = weightOffset + inputs * layer.Units;
            layers[i] = new DenseLayerPlan(layer.Index, layer.TensorPrefix, inputs, layer.Units, layer.Activation, layer.Initializer, weightOffset, biasOffset);
            offset = biasOffset + layer.Units;
            inputs = layer.Units;
        }

        int maxWidth = Math.Max(spec.InputSize, layers.Max(l => l.Units));
        int tileRows = Math.Max(1, Math.Min(64, TileFloats / maxWidth));
        return new ModelPlan(spec.Namespace, spec.ClassName, spec.Accessibility, spec.InputSize, inputs, offset,
            spec.Loss, spec.Seed, maxWidth, tileRows, layers.ToEquatableArray());
    }
}
