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
        int input = graph.AddValue(spec.InputShape, aliasOf: -1);
        int output = graph.AddLayers(spec.Layers, input);

        var nodes = WithGradientModes(graph.Nodes);
        int largest = graph.Values.Max(v => v.Size);
        int tileRows = Math.Max(1, Math.Min(64, TileFloats / largest));
        var (slots, slotCount) = ScratchSlots.Assign(graph.Values, nodes, output);
        int slotFloats = tileRows * graph.Values.Where(v => slots[v.Id] >= 0).Select(v => v.Size).DefaultIfEmpty(1).Max() + ModelPlan.Slack;

        var values = graph.Values.Select(v => new ValuePlan(v.Id, v.Shape, v.Size, slots[v.Id], v.AliasOf < 0 ? v.Id : v.AliasOf));
        int scratch = nodes.OfType<DenseNodePlan>().Select(d => d.InputCount * d.Units).DefaultIfEmpty(0).Max();
        return new ModelPlan(spec.Namespace, spec.ClassName, spec.Accessibility, spec.TypeKeyword, spec.InputSize, graph.Values[output].Size,
            graph.ParameterCount, graph.BufferCount, graph.IntegerCount, spec.Loss, spec.Seed, tileRows,
            values.ToEquatableArray(), nodes.ToEquatableArray(), graph.Tensors.ToEquatableArray(), output,
            slotCount, slotFloats, graph.SavedCount, scratch) { CanStream = StreamingCheck.WhyNot(spec.InputShape, spec.Layers) is null };
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
        public List<(int Id, int Size, int AliasOf, EquatableArray<int> Shape)> Values { get; } = [];
        public List<NodePlan> Nodes { get; } = [];
        public List<TensorPlan> Tensors { get; } = [];
        public int ParameterCount { get; private set; }
        public int BufferCount { get; private set; }
        public int IntegerCount { get; private set; }
        public int SavedCount { get; private set; }

        public int AddValue(EquatableArray<int> shape, int aliasOf)
        {
            Values.Add((Values.Count, Shapes.Size(shape), aliasOf, shape));
            return Values.Count - 1;
        }

        public int AddLayers(IEnumerable<LayerSpec> layers, int value)
        {
            // Every layer's output value, for a [ConcatFrom] that names an earlier one.
            var outputs = new List<int>();
            foreach (LayerSpec layer in layers)
            {
                value = layer is ConcatFromSpec concat ? AddConcat(concat.Name, [value, outputs[concat.Source]], "the current value and layer " + concat.Source.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    : AddLayer(layer, value);
                outputs.Add(value);
            }
            return value;
        }

        // Joins values along channels; each is [C, H, W] of one H and W, or [F].
        private int AddConcat(string name, int[] parts, string joins)
        {
            var shapes = parts.Select(Shape).ToList();
            bool image = Shapes.IsImage(shapes[0]);
            var channels = shapes.Select(s => s[0]).ToEquatableArray();
            int total = channels.Sum();
            var output = image ? Shapes.Image(total, shapes[0][1], shapes[0][2]) : Shapes.Vector(total);
            return Add(new ConcatNodePlan(channels, image ? shapes[0][1] * shapes[0][2] : 1, joins), name, parts, output);
        }

        private int Size(int value) => Values[value].Size;

        private EquatableArray<int> Shape(int value) => Values[value].Shape;

        private int AddLayer(LayerSpec layer, int input)
        {
            switch (layer)
            {
                case DenseSpec dense:
                    return AddDense(dense.Name, input, dense.Units, dense.Activation, dense.Initializer, dense.Bias);
                case BatchNormSpec norm:
                    return AddBatchNorm(norm.Name, input, norm.Activation, norm.Momentum, norm.Epsilon);
                case Conv2DSpec conv:
                    return AddConv(conv.Name, input, conv.Filters, conv.Kernel, conv.Stride, conv.Padding, conv.Activation, conv.Initializer, conv.Bias);
                case PoolSpec pool:
                {
                    var shape = Shape(input);
                    var output = Shapes.Output(pool, shape);
                    return Add(new PoolNodePlan(pool.IsMax, shape[0], shape[1], shape[2], pool.Kernel, pool.Stride, pool.Padding, output[1], output[2], pool.IsMax ? SavedCount++ : -1),
                        pool.Name, [input], output);
                }
                case RecurrentSpec recurrent:
                {
                    var shape = Shape(input);
                    int gates = Shapes.Gates(recurrent.Kind), rows = gates * recurrent.Hidden;
                    // Weights stored transposed (W_ihᵀ [F, GH], W_hhᵀ [H, GH]): the rows every forward product and the streaming step read.
                    int offset = Parameter(recurrent.Name + ".weight_ih_l0", rows * shape[1], transposed: true, rows, shape[1]);
                    Parameter(recurrent.Name + ".weight_hh_l0", rows * recurrent.Hidden, transposed: true, rows, recurrent.Hidden);
                    Parameter(recurrent.Name + ".bias_ih_l0", rows, transposed: false, rows);
                    Parameter(recurrent.Name + ".bias_hh_l0", rows, transposed: false, rows);
                    var node = new RecurrentNodePlan(recurrent.Kind, shape[0], shape[1], recurrent.Hidden, recurrent.ReturnSequences, recurrent.Activation, offset, SavedCount++, SavedCount++);
                    return Add(node, recurrent.Name, [input], Shapes.Output(recurrent, shape));
                }
                case GlobalAvgPoolSpec global:
                {
                    var shape = Shape(input);
                    return Add(new GlobalAvgPoolNodePlan(shape[0], shape[1] * shape[2]), global.Name, [input], Shapes.Output(global, shape));
                }
                case DropoutSpec dropout:
                {
                    int output = Add(new DropoutNodePlan(Size(input), dropout.Probability, Nodes.Count, SavedCount++), dropout.Name, [input], Shape(input));
                    Values[output] = (output, Size(input), input, Shape(input));
                    return output;
                }
                case BranchesSpec branches:
                {
                    // A branch of no layers passes the block's input through.
                    int[] ends = branches.Branches.Select(b => AddLayers(b.Layers, input)).ToArray();
                    return AddConcat(branches.Name, ends, "branches");
                }
                case ConvTranspose2DSpec t:
                {
                    var shape = Shape(input);
                    var output = Shapes.Output(t, shape);
                    int offset = Parameter(t.Name + ".weight", shape[0] * t.Filters * t.Kernel * t.Kernel, transposed: false, shape[0], t.Filters, t.Kernel, t.Kernel);
                    if (t.Bias) Parameter(t.Name + ".bias", t.Filters, transposed: false, t.Filters);
                    return Add(new ConvTranspose2DNodePlan(shape[0], shape[1], shape[2], t.Filters, t.Kernel, t.Stride, t.Padding, t.OutputPadding, output[1], output[2],
                        t.Activation, t.Initializer, t.Bias, offset), t.Name, [input], output);
                }
                case UpsampleSpec up:
                {
                    var shape = Shape(input);
                    return Add(new UpsampleNodePlan(shape[0], shape[1], shape[2], up.Factor), up.Name, [input], Shapes.Output(up, shape));
                }
                case ResidualSpec block:
                {
                    int body = AddLayers(block.Body, input);
                    int shortcut = input;
                    if (!Shape(body).Equals(Shape(input)))
                    {
                        // An image body that changes the shape gets torchvision's projection: a 1×1 convolution with the
                        // body's stride and no bias, then BatchNorm; a vector body gets a Dense projection without bias.
                        shortcut = Shapes.IsImage(Shape(body)) && Shapes.IsImage(Shape(input))
                            ? AddBatchNorm(block.Name + ".shortcut.1",
                                AddConv(block.Name + ".shortcut.0", input, Shape(body)[0], 1, Shapes.Stride(block.Body), 0, ActivationKind.Identity, InitializerKind.Default, bias: false),
                                ActivationKind.Identity, 0.1, 1e-5)
                            : AddDense(block.Name + ".shortcut.0", input, Size(body), ActivationKind.Identity, InitializerKind.Default, bias: false);
                    }
                    return Add(new AddNodePlan(Size(body), block.Activation), block.Name, [body, shortcut], Shape(body));
                }
                default:
                    throw new InvalidOperationException("The parser admits no other layer: " + layer.GetType().Name);
            }
        }

        private int AddBatchNorm(string name, int input, ActivationKind activation, double momentum, double epsilon)
        {
            var shape = Shape(input);
            bool image = Shapes.IsImage(shape);
            int channels = image ? shape[0] : Size(input), spatial = image ? shape[1] * shape[2] : 1;
            int parameters = Parameter(name + ".weight", channels, transposed: false, channels);
            Parameter(name + ".bias", channels, transposed: false, channels);
            int buffers = Buffer(name + ".running_mean", channels);
            Buffer(name + ".running_var", channels);
            int counter = IntegerCount++;
            Tensors.Add(new TensorPlan(name + ".num_batches_tracked", EquatableArray<int>.Empty, IsBuffer: true, IsInt64: true, counter, 1, false));
            return Add(new BatchNormNodePlan(channels, spatial, activation, momentum, epsilon, parameters, buffers, counter, SavedCount++), name, [input], shape);
        }

        private int AddConv(string name, int input, int filters, int kernel, int stride, int padding, ActivationKind activation, InitializerKind initializer, bool bias)
        {
            var shape = Shape(input);
            int outHeight = Shapes.Side(shape[1], kernel, stride, padding), outWidth = Shapes.Side(shape[2], kernel, stride, padding);
            int offset = Parameter(name + ".weight", filters * shape[0] * kernel * kernel, transposed: false, filters, shape[0], kernel, kernel);
            if (bias) Parameter(name + ".bias", filters, transposed: false, filters);
            return Add(new Conv2DNodePlan(shape[0], shape[1], shape[2], filters, kernel, stride, padding, outHeight, outWidth, activation, initializer, bias, offset),
                name, [input], Shapes.Image(filters, outHeight, outWidth));
        }

        private int AddDense(string name, int input, int units, ActivationKind activation, InitializerKind initializer, bool bias)
        {
            int inputs = Size(input);
            int offset = Parameter(name + ".weight", inputs * units, transposed: true, units, inputs);
            if (bias) Parameter(name + ".bias", units, transposed: false, units);
            return Add(new DenseNodePlan(inputs, units, activation, initializer, bias, offset), name, [input], Shapes.Vector(units));
        }

        private int Add(NodePlan node, string label, int[] inputs, EquatableArray<int> outputShape)
        {
            int output = AddValue(outputShape, aliasOf: -1);
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
