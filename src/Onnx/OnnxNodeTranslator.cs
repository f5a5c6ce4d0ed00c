using Onnx;
using static Specialized.Onnx.OnnxGraphBuilder;

namespace Specialized.Onnx;

/// <summary>
/// Translates each node of a <see cref="ModelDescription"/> into ONNX operators with inference semantics
/// (BatchNorm on running statistics, Dropout as the identity). Every ONNX value holds a batch of the
/// description's value: <c>[N, F]</c>, <c>[N, C, H, W]</c> or <c>[N, T, F]</c>. A node kind adds one case to
/// <see cref="Translate"/>; a kind without one fails with the node's name.
/// </summary>
internal sealed class OnnxNodeTranslator(OnnxGraphBuilder graph, ModelDescription description, ModelTensorData tensors)
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    public void Translate(NodeDescription node)
    {
        switch (node)
        {
            case DenseNodeDescription dense: Dense(dense); break;
            case BatchNormNodeDescription norm: BatchNorm(norm); break;
            case DropoutNodeDescription dropout: graph.Node("Identity", dropout.Name, [Value(dropout.Inputs[0])], Value(dropout.Output)); break;
            case AddNodeDescription add: Activate(add.Activation, graph.Node("Add", add.Name, [Value(add.Inputs[0]), Value(add.Inputs[1])], Before(add, add.Activation)), add); break;
            case Conv2DNodeDescription conv: Conv(conv); break;
            case PoolNodeDescription pool: Pool(pool); break;
            case GlobalAvgPoolNodeDescription global:
                string pooled = graph.Node("GlobalAveragePool", global.Name, [Value(global.Inputs[0])], global.Name + "/pooled");
                graph.Node("Flatten", global.Name + "/flatten", [pooled], Value(global.Output), Int("axis", 1));
                break;
            case ConcatNodeDescription concat:
                // Axis 1 of the batched value: the sample's first axis (channels of [N, C, H, W], features of [N, F]).
                graph.Node("Concat", concat.Name, [.. concat.Inputs.Select(Value)], Value(concat.Output), Int("axis", concat.Axis + 1));
                break;
            case ConvTranspose2DNodeDescription deconv: ConvTranspose(deconv); break;
            case UpsampleNodeDescription upsample: Upsample(upsample); break;
            case RecurrentNodeDescription recurrent: new RecurrentTranslation(graph, tensors).Translate(recurrent, Value(recurrent.Inputs[0]), Value(recurrent.Output)); break;
            default: throw Unsupported(node, "ONNX export has no translation for this kind of node");
        }
    }

    /// <summary>The exception for a node that cannot be exported: it names the node, its kind and the model.</summary>
    public NotSupportedException Unsupported(NodeDescription node, string reason) =>
        new($"Node '{node.Name}' ({node.Kind}) of {description.Name} cannot be exported to ONNX: {reason}.");

    /// <summary>The ONNX name of a value: the graph's input and output by their names, others by id.</summary>
    public string Value(int id) => id == 0 ? InputName : id == description.OutputValue ? OutputName : $"value{id}";

    private void Dense(DenseNodeDescription dense)
    {
        string x = Value(dense.Inputs[0]);
        // Gemm takes [N, K]: an image or a sequence is flattened first, channel- (or step-) major as the model stores it.
        if (description.Values[dense.Inputs[0]].Shape.Count > 1) x = graph.Node("Flatten", dense.Name + "/flatten", [x], dense.Name + "/flat", Int("axis", 1));
        var inputs = new List<string> { x, Initializer(dense, "weight") };
        if (dense.Bias) inputs.Add(Initializer(dense, "bias"));
        // Gemm with transB = 1 reads PyTorch's [units, inputs] weight as it is stored in a state_dict.
        Activate(dense.Activation, graph.Node("Gemm", dense.Name, inputs, Before(dense, dense.Activation), Int("transB", 1)), dense);
    }

    private void BatchNorm(BatchNormNodeDescription norm)
    {
        // ONNX normalizes axis 1: the features of a vector [N, F] or the channels of an image [N, C, H, W], as the model does.
        Activate(norm.Activation, graph.Node("BatchNormalization", norm.Name,
            [Value(norm.Inputs[0]), Initializer(norm, "weight"), Initializer(norm, "bias"), Initializer(norm, "running_mean"), Initializer(norm, "running_var")],
            Before(norm, norm.Activation), Float("epsilon", (float)norm.Epsilon), Float("momentum", (float)(1 - norm.Momentum))), norm);
    }

    private void Conv(Conv2DNodeDescription conv)
    {
        var inputs = new List<string> { Value(conv.Inputs[0]), Initializer(conv, "weight") };
        if (conv.Bias) inputs.Add(Initializer(conv, "bias"));
        Activate(conv.Activation, graph.Node("Conv", conv.Name, inputs, Before(conv, conv.Activation),
            Ints("kernel_shape", conv.Kernel, conv.Kernel), Ints("strides", conv.Stride, conv.Stride),
            Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding), Ints("dilations", 1, 1), Int("group", 1)), conv);
    }

    private void ConvTranspose(ConvTranspose2DNodeDescription deconv)
    {
        // ONNX's ConvTranspose weight is [in, out / group, kH, kW], PyTorch's ConvTranspose2d layout: the tensor goes in as stored.
        // Its output side, stride·(in − 1) + output_padding + kernel − pad_begin − pad_end, is PyTorch's; the output padding
        // is added at the end (bottom, right), as PyTorch does.
        var inputs = new List<string> { Value(deconv.Inputs[0]), Initializer(deconv, "weight") };
        if (deconv.Bias) inputs.Add(Initializer(deconv, "bias"));
        Activate(deconv.Activation, graph.Node("ConvTranspose", deconv.Name, inputs, Before(deconv, deconv.Activation),
            Ints("kernel_shape", deconv.Kernel, deconv.Kernel), Ints("strides", deconv.Stride, deconv.Stride),
            Ints("pads", deconv.Padding, deconv.Padding, deconv.Padding, deconv.Padding),
            Ints("output_padding", deconv.OutputPadding, deconv.OutputPadding), Ints("dilations", 1, 1), Int("group", 1)), deconv);
    }

    private void Upsample(UpsampleNodeDescription upsample)
    {
        if (upsample.Mode != UpsampleMode.Nearest) throw Unsupported(upsample, $"the upsampling mode {upsample.Mode} has no ONNX translation here");
        // Resize with "asymmetric" coordinates and "floor" rounding reads output pixel i from input pixel floor(i / factor):
        // PyTorch's nearest upsampling, exactly, for any whole factor (asymmetric with ONNX's default rounding,
        // round_prefer_floor, would read pixel round(i / factor) instead).
        float factor = upsample.Factor;
        string scales = graph.FloatInitializer(upsample.Name + "/scales", [4], [1f, 1f, factor, factor]);
        graph.Node("Resize", upsample.Name, [Value(upsample.Inputs[0]), "", scales], Value(upsample.Output),
            Str("mode", "nearest"), Str("coordinate_transformation_mode", "asymmetric"), Str("nearest_mode", "floor"));
    }

    private void Pool(PoolNodeDescription pool)
    {
        var attributes = new List<AttributeProto>
        {
            Ints("kernel_shape", pool.Kernel, pool.Kernel), Ints("strides", pool.Stride, pool.Stride),
            Ints("pads", pool.Padding, pool.Padding, pool.Padding, pool.Padding), Int("ceil_mode", 0),
        };
        // PyTorch's AvgPool2d divides by the whole window, padding included; ONNX's default would not.
        if (pool.Mode == PoolMode.Average) attributes.Add(Int("count_include_pad", 1));
        graph.Node(pool.Mode == PoolMode.Max ? "MaxPool" : "AveragePool", pool.Name, [Value(pool.Inputs[0])], Value(pool.Output), [.. attributes]);
    }

    // Where a node's main operator writes: straight to the node's value, or to a temporary its activation reads.
    private string Before(NodeDescription node, Activation activation) =>
        activation == Activation.Identity ? Value(node.Output) : node.Name + "/linear";

    private void Activate(Activation activation, string linear, NodeDescription node)
    {
        string output = Value(node.Output), name = node.Name + "/activation";
        switch (activation)
        {
            case Activation.Identity: break;
            case Activation.Relu: graph.Node("Relu", name, [linear], output); break;
            case Activation.LeakyRelu: graph.Node("LeakyRelu", name, [linear], output, Float("alpha", 0.01f)); break;
            case Activation.Elu: graph.Node("Elu", name, [linear], output, Float("alpha", 1f)); break;
            case Activation.Sigmoid: graph.Node("Sigmoid", name, [linear], output); break;
            case Activation.Tanh: graph.Node("Tanh", name, [linear], output); break;
            default: throw Unsupported(node, $"the activation {activation} has no ONNX operator here");
        }
    }

    // The node's tensor "<name>.<suffix>" as an initializer under its PyTorch name and shape.
    private string Initializer(NodeDescription node, string suffix)
    {
        string name = node.Name + "." + suffix;
        if (!node.Tensors.Contains(name)) throw Unsupported(node, $"it does not list the tensor '{name}' its operator needs");
        (int[] shape, float[] values) = tensors.Read(name, node.Name);
        return graph.FloatInitializer(name, shape, values);
    }
}
