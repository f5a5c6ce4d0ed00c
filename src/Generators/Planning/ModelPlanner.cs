using System;
using System.Collections.Generic;
using System.Linq;
using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>
/// Turns a checked spec into a graph plan: values and their shapes, nodes, tensor offsets,
/// gradient modes for backward, and inference scratch slots by liveness. Cannot fail: the parser
/// has checked every shape.
/// </summary>
internal static class ModelPlanner
{
    /// <summary>Largest scratch tile (floats) per inference slot: 64 KiB keeps a tile in L2.</summary>
    private const int TileFloats = 16 * 1024;

    public static ModelPlan Plan(ModelSpec spec)
    {
        var graph = new GraphBuilder();
        int input = graph.AddValue(spec.InputSize, aliasOf: -1);
        int output = graph.AddLayers(spec.Layers, input);

        var nodes = WithGradientModes(graph.Nodes);
        int largest = graph.Values.Max(v => v.Size);
        int tileRows = Math.Max(1, Math.Min(64, TileFloats / largest));
        var (slots, slotCount) = ScratchSlots.Assign(graph.Values, nodes, output);
        int slotFloats = tileRows * graph.Values.Where(v => slots[v.Id] >= 0).Select(v => v.Size).DefaultIfEmpty(1).Max() + ModelPlan.Slack;

        var values = graph.Values.Select(v => new ValuePlan(v.Id, new[] { v.Size }.ToEquatableArray(), v.Size, slots[v.Id], v.AliasOf < 0 ? v.Id : v.AliasOf));
        int scratch = nodes.OfType<DenseNodePlan>().Select(d => d.InputCount * d.Units).DefaultIfEmpty(0).Max();
        return new ModelPlan(spec.Namespace, spec.ClassName, spec.Accessibility, spec.TypeKeyword, spec.InputSize, graph.Values[output].Size,
            graph.ParameterCount, graph.BufferCount, graph.IntegerCount, spec.Loss, spec.Seed, tileRows,
            values.ToEquatableArray(), nodes.ToEquatableArray(), graph.Tensors.ToEquatableArray(), output,
            slotCount, slotFloats, graph.SavedCount, scratch);
    }

    // Backward visits nodes in reverse: the first to reach a value's gradient stores it, later ones add to it.
    private static List<NodePlan> WithGradientModes(List<NodePlan> nodes)
    {
        var written = new HashSet<int>();
        var result = new NodePlan[nodes.Count];
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            NodePlan node = nodes[i];
            var modes = node.Inputs.Select(v => v == 0 ? GradientKind.None : written.Add(v) ? GradientKind.Store : GradientKind.Add).ToArray();
            result[i] = node with { InputGradients = modes.ToEquatableArray() };
        }
        return result.ToList();
    }

    /// <summary>Builds the graph layer by layer; a block adds its body, shortcut and join.</summary>
    private sealed class GraphBuilder
    {
        public List<(int Id, int Size, int AliasOf)> Values { get; } = [];
        public List<NodePlan> Nodes { get; } = [];
        public List<TensorPlan> Tensors { get; } = [];
        public int ParameterCount { get; private set; }
        public int BufferCount { get; private set; }
        public int IntegerCount { get; private set; }
        public int SavedCount { get; private set; }

        public int AddValue(int size, int aliasOf)
        {
            Values.Add((Values.Count, size, aliasOf));
            return Values.Count - 1;
        }

        public int AddLayers(IEnumerable<LayerSpec> layers, int value)
        {
            foreach (LayerSpec layer in layers) value = AddLayer(layer, value);
            return value;
        }

        private int Size(int value) => Values[value].Size;

        private int AddLayer(LayerSpec layer, int input)
        {
            switch (layer)
            {
                case DenseSpec dense:
                    return AddDense(dense.Name, input, dense.Units, dense.Activation, dense.Initializer, dense.Bias);
                case BatchNormSpec norm:
                {
                    int channels = Size(input);
                    int parameters = Parameter(norm.Name + ".weight", channels, transposed: false, channels);
                    Parameter(norm.Name + ".bias", channels, transposed: false, channels);
                    int buffers = Buffer(norm.Name + ".running_mean", channels);
                    Buffer(norm.Name + ".running_var", channels);
                    int counter = IntegerCount++;
                    Tensors.Add(new TensorPlan(norm.Name + ".num_batches_tracked", EquatableArray<int>.Empty, IsBuffer: true, IsInt64: true, counter, 1, false));
                    return Add(new BatchNormNodePlan(channels, 1, norm.Activation, norm.Momentum, norm.Epsilon, parameters, buffers, counter, SavedCount++), norm.Name, [input], Size(input));
                }
                case DropoutSpec dropout:
                {
                    int output = Add(new DropoutNodePlan(Size(input), dropout.Probability, Nodes.Count, SavedCount++), dropout.Name, [input], Size(input));
                    Values[output] = (output, Size(input), input);
                    return output;
                }
                case ResidualSpec block:
                {
                    int body = AddLayers(block.Body, input);
                    int shortcut = Size(body) == Size(input)
                        ? input
                        : AddDense(block.Name + ".shortcut.0", input, Size(body), ActivationKind.Identity, InitializerKind.Default, bias: false);
                    return Add(new AddNodePlan(Size(body), block.Activation), block.Name, [body, shortcut], Size(body));
                }
                default:
                    throw new InvalidOperationException("The parser admits no other layer: " + layer.GetType().Name);
            }
        }

        private int AddDense(string name, int input, int units, ActivationKind activation, InitializerKind initializer, bool bias)
        {
            int inputs = Size(input);
            int offset = Parameter(name + ".weight", inputs * units, transposed: true, units, inputs);
            if (bias) Parameter(name + ".bias", units, transposed: false, units);
            return Add(new DenseNodePlan(inputs, units, activation, initializer, bias, offset), name, [input], units);
        }

        private int Add(NodePlan node, string label, int[] inputs, int outputSize)
        {
            int output = AddValue(outputSize, aliasOf: -1);
            Nodes.Add(node with { Id = Nodes.Count, Label = label, Inputs = inputs.ToEquatableArray(), Output = output });
            return output;
        }

        private int Parameter(string name, int length, bool transposed, params int[] shape)
        {
            int offset = ParameterCount;
            Tensors.Add(new TensorPlan(name, shape.ToEquatableArray(), IsBuffer: false, IsInt64: false, offset, length, transposed));
            ParameterCount += length;
            return offset;
        }

        private int Buffer(string name, int length)
        {
            int offset = BufferCount;
            Tensors.Add(new TensorPlan(name, new[] { length }.ToEquatableArray(), IsBuffer: true, IsInt64: false, offset, length, false));
            BufferCount += length;
            return offset;
        }
    }
}
