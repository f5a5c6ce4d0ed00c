namespace Specialized.Onnx;

/// <summary>
/// Where PyTorch's gate blocks sit in ONNX's recurrent operators. Position k of ONNX's order holds PyTorch's block
/// <c>For(cell)[k]</c>: LSTM PyTorch i, f, g, o → ONNX i, o, f, c; GRU PyTorch r, z, n → ONNX z, r, h; RNN has one block.
/// The exporter reorders with it, the importer of ONNX-packed weights (<c>torch.onnx.export</c>'s W, R, B) undoes it.
/// </summary>
internal static class OnnxGateOrder
{
    private static readonly int[] Lstm = [0, 3, 1, 2];
    private static readonly int[] Gru = [1, 0, 2];
    private static readonly int[] Single = [0];

    public static int[] For(RecurrentCell cell) => cell switch
    {
        RecurrentCell.Lstm => Lstm,
        RecurrentCell.Gru => Gru,
        _ => Single,
    };
}
