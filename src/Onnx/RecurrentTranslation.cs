using Onnx;
using static Specialized.Onnx.OnnxGraphBuilder;

namespace Specialized.Onnx;

/// <summary>
/// A recurrent layer as ONNX's own RNN, LSTM or GRU operator. The weights stay initializers under their
/// PyTorch names and layouts; small nodes that any runtime folds at load time (ONNX Runtime does with its
/// basic optimizations) reorder the gate blocks into ONNX's order and stack the biases:
/// LSTM PyTorch i, f, g, o → ONNX i, o, f, c; GRU PyTorch r, z, n → ONNX z, r, h with
/// <c>linear_before_reset = 1</c> (PyTorch applies the reset gate to W_hn h + b_hn).
/// ONNX's operators are time-major, so the batch-first sequence is transposed in and, for every step, out.
/// </summary>
internal sealed class RecurrentTranslation(OnnxGraphBuilder graph, ModelTensorData tensors)
{
    public void Translate(RecurrentNodeDescription node, string input, string output)
    {
        // Position k of ONNX's gate order holds PyTorch's block order[k].
        string operation = node.Kind;
        int[] order = OnnxGateOrder.For(node.Cell);
        string name = node.Name;
        string axis0 = graph.Int64Initializer("axes/0", 0), axis1 = graph.Int64Initializer("axes/1", 1);

        // W [1, G·H, F], R [1, G·H, H], B [1, 2·G·H]: one direction, gates in ONNX's order.
        string w = graph.Node("Unsqueeze", name + "/W", [Gates(node, "weight_ih_l0", order), axis0], name + "/W");
        string r = graph.Node("Unsqueeze", name + "/R", [Gates(node, "weight_hh_l0", order), axis0], name + "/R");
        string[] biases = [.. GateBlocks(node, "bias_ih_l0", order), .. GateBlocks(node, "bias_hh_l0", order)];
        string stacked = graph.Node("Concat", name + "/bias_concat", biases, name + "/bias", Int("axis", 0));
        string b = graph.Node("Unsqueeze", name + "/B", [stacked, axis0], name + "/B");

        string timeMajor = graph.Node("Transpose", name + "/time_major", [input], name + "/x", Ints("perm", 1, 0, 2));
        var attributes = new List<AttributeProto> { Int("hidden_size", node.Hidden) };
        if (node.Cell == RecurrentCell.Gru) attributes.Add(Int("linear_before_reset", 1));
        if (node.Cell == RecurrentCell.Rnn) attributes.Add(Strings("activations", node.Activation == Activation.Relu ? "Relu" : "Tanh"));

        if (node.ReturnSequences)
        {
            // Y [T, 1, N, H] → [T, N, H] → batch-first [N, T, H].
            string y = name + "/Y";
            graph.Node(operation, name, [timeMajor, w, r, b], new[] { y }, [.. attributes]);
            string steps = graph.Node("Squeeze", name + "/squeeze", [y, axis1], name + "/steps");
            graph.Node("Transpose", name + "/batch_major", [steps], output, Ints("perm", 1, 0, 2));
        }
        else
        {
            // Y_h [1, N, H] → [N, H]; Y itself is left out.
            string last = name + "/Y_h";
            graph.Node(operation, name, [timeMajor, w, r, b], new[] { "", last }, [.. attributes]);
            graph.Node("Squeeze", name + "/squeeze", [last, axis0], output);
        }
    }

    // A [G·H, …] weight with its gate blocks in ONNX's order (the tensor itself when there is one gate).
    private string Gates(RecurrentNodeDescription node, string suffix, int[] order)
    {
        string[] blocks = GateBlocks(node, suffix, order);
        return blocks.Length == 1 ? blocks[0] : graph.Node("Concat", $"{node.Name}/{suffix}/onnx_order", blocks, $"{node.Name}/{suffix}/onnx_order", Int("axis", 0));
    }

    // The tensor split into its gate blocks along the first axis, listed in ONNX's order.
    private string[] GateBlocks(RecurrentNodeDescription node, string suffix, int[] order)
    {
        string name = node.Name + "." + suffix;
        if (!node.Tensors.Contains(name))
            throw new NotSupportedException($"Node '{node.Name}' ({node.Kind}) cannot be exported to ONNX: it does not list the tensor '{name}' its operator needs.");
        (int[] shape, float[] values) = tensors.Read(name, node.Name);
        string tensor = graph.FloatInitializer(name, shape, values);
        if (order.Length == 1) return [tensor];
        string[] blocks = [.. Enumerable.Range(0, order.Length).Select(g => $"{node.Name}/{suffix}/gate{g}")];
        graph.Node("Split", $"{node.Name}/{suffix}/split", [tensor], blocks, Int("axis", 0));
        return [.. order.Select(g => blocks[g])];
    }
}
