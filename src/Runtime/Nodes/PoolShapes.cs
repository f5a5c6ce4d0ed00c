using Specialized.Kernels;

namespace Specialized.Nodes;

// The checks and window arithmetic the 2-D pools share.
internal static class PoolShapes
{
    // Every operand is a constant of the shape, so for a consistent shape the JIT drops the check.
    public static void Check<TLayer>() where TLayer : struct, IPoolLayer
    {
        if (TLayer.Channels <= 0 || TLayer.InHeight <= 0 || TLayer.InWidth <= 0 || TLayer.Kernel <= 0 || TLayer.Stride <= 0
            || TLayer.Padding < 0 || 2 * TLayer.Padding > TLayer.Kernel
            || TLayer.InHeight + 2 * TLayer.Padding < TLayer.Kernel || TLayer.InWidth + 2 * TLayer.Padding < TLayer.Kernel
            || TLayer.OutHeight != (TLayer.InHeight + 2 * TLayer.Padding - TLayer.Kernel) / TLayer.Stride + 1
            || TLayer.OutWidth != (TLayer.InWidth + 2 * TLayer.Padding - TLayer.Kernel) / TLayer.Stride + 1)
            Throw(typeof(TLayer));
    }

    private static void Throw(Type layer) =>
        throw new ArgumentException(
            $"{layer.Name} is not a consistent pool: sizes, kernel and stride must be positive, 0 ≤ Padding ≤ Kernel / 2, the kernel no larger than the padded input, and OutHeight/OutWidth = (In + 2·Padding − Kernel) / Stride + 1.",
            "TLayer");

    public static int InputSize<TLayer>() where TLayer : struct, IPoolLayer => TLayer.Channels * TLayer.InHeight * TLayer.InWidth;

    public static int OutputSize<TLayer>() where TLayer : struct, IPoolLayer => TLayer.Channels * TLayer.OutHeight * TLayer.OutWidth;

    // Rows [first, end) of the input that window row `o` covers inside the image (output row or column o).
    public static (int First, int End) Window<TLayer>(int o, int size) where TLayer : struct, IPoolLayer
    {
        int start = o * TLayer.Stride - TLayer.Padding;
        return (Math.Max(start, 0), Math.Min(start + TLayer.Kernel, size));
    }

    // Output columns [first, end) whose window column j (input column ow·Stride − Padding + j) lies inside the row.
    public static (int First, int End) InsideColumns<TLayer>(int j) where TLayer : struct, IPoolLayer
    {
        int s = TLayer.Stride, offset = TLayer.Padding - j;
        int first = offset > 0 ? (offset + s - 1) / s : 0;
        int last = TLayer.InWidth - 1 + offset;
        int end = last < 0 ? 0 : Math.Min(TLayer.OutWidth, last / s + 1);
        return (first, Math.Max(first, end));
    }

    public static void Require(GradientMode mode, int length, long needed, string paramName, string node)
    {
        if (mode != GradientMode.None) BufferLayout.Require(length, needed, paramName, node, slack: false);
    }
}
