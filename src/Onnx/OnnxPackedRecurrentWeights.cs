using Onnx;

namespace Specialized.Onnx;

/// <summary>
/// Reads a recurrent layer's PyTorch tensors out of the initializers of an ONNX LSTM, GRU or RNN node as
/// <c>torch.onnx.export</c> writes them: <c>W [1, G·H, F]</c>, <c>R [1, G·H, H]</c> and <c>B [1, 2·G·H]</c> (the input
/// biases, then the hidden ones), gate blocks in ONNX's order, under anonymous names such as <c>onnx::LSTM_123</c>.
/// A name map points <c>weight_ih_l0</c> at W, <c>weight_hh_l0</c> at R, and both biases at B.
/// </summary>
internal static class OnnxPackedRecurrentWeights
{
    private static readonly string[] Suffixes = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"];

    /// <summary>The recurrent node that owns <paramref name="tensorName"/> and which of its four tensors it is, if any.</summary>
    public static bool TryFindOwner(ModelDescription? description, string tensorName, out RecurrentNodeDescription node, out string suffix)
    {
        foreach (RecurrentNodeDescription candidate in description?.Nodes.OfType<RecurrentNodeDescription>() ?? [])
        {
            foreach (string s in Suffixes)
            {
                if (tensorName != candidate.Name + "." + s) continue;
                (node, suffix) = (candidate, s);
                return true;
            }
        }
        (node, suffix) = (null!, "");
        return false;
    }

    /// <summary>
    /// True when <paramref name="initializer"/> has ONNX's packed shape for <paramref name="suffix"/> of a layer of
    /// <paramref name="expected"/>'s PyTorch shape (<c>[G·H, F]</c>, <c>[G·H, H]</c> or <c>[G·H]</c>).
    /// </summary>
    public static bool IsPacked(TensorProto initializer, string suffix, int[] expected)
    {
        if (initializer.Dims.Count != expected.Length + 1 || initializer.Dims[0] != 1) return false;
        if (suffix.StartsWith("bias", StringComparison.Ordinal)) return initializer.Dims[1] == 2L * expected[0];
        return initializer.Dims.Skip(1).SequenceEqual(expected.Select(d => (long)d));
    }

    /// <summary>
    /// The tensor in PyTorch's layout and gate order, from the packed <paramref name="packed"/> values (all of the
    /// initializer's elements): for a bias, the half it lives in; every gate block moved back to PyTorch's position.
    /// </summary>
    public static void Unpack(RecurrentNodeDescription node, string suffix, ReadOnlySpan<float> packed, Span<float> pytorchLayout)
    {
        int[] order = OnnxGateOrder.For(node.Cell);
        int block = pytorchLayout.Length / order.Length;
        int start = suffix == "bias_hh_l0" ? pytorchLayout.Length : 0;
        for (int k = 0; k < order.Length; k++)
            packed.Slice(start + k * block, block).CopyTo(pytorchLayout.Slice(order[k] * block, block));
    }
}
