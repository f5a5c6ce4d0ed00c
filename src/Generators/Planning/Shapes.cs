using System.Collections.Generic;
using System.Linq;
using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>
/// Shape inference, in one place for the parser (which reports what does not fit, located) and the
/// planner (which can then not fail): a value is <c>[F]</c> or <c>[C, H, W]</c>; a Dense layer
/// flattens an image channel-major, as PyTorch's <c>nn.Flatten</c>.
/// </summary>
internal static class Shapes
{
    public static int Size(IEnumerable<int> shape) => shape.Aggregate(1, (product, d) => product * d);

    public static long LongSize(IEnumerable<int> shape) => shape.Aggregate(1L, (product, d) => product * d);

    public static bool IsImage(IReadOnlyList<int> shape) => shape.Count == 3;

    /// <summary>A sequence [T, F]: one row of F values per time step.</summary>
    public static bool IsSequence(IReadOnlyList<int> shape) => shape.Count == 2;

    public static EquatableArray<int> Sequence(int steps, int features) => new[] { steps, features }.ToEquatableArray();

    /// <summary>Gates per step: 1 for a plain RNN, 4 for an LSTM, 3 for a GRU.</summary>
    public static int Gates(RecurrentKind kind) => kind switch { RecurrentKind.Lstm => 4, RecurrentKind.Gru => 3, _ => 1 };

    /// <summary>Floor-mode output side of a window: (in + 2·padding − kernel) / stride + 1.</summary>
    public static int Side(int input, int kernel, int stride, int padding) => (input + 2 * padding - kernel) / stride + 1;

    /// <summary>Output side of a transposed convolution: (in − 1)·stride − 2·padding + kernel + output padding.</summary>
    public static int TransposedSide(int input, int kernel, int stride, int padding, int outputPadding) => (input - 1) * stride - 2 * padding + kernel + outputPadding;

    /// <summary>
    /// Two values joined along channels (features for vectors): [c1 + c2, H, W] for images of one height and
    /// width, [f1 + f2] for vectors; null when they are not of one kind or the sizes differ.
    /// </summary>
    public static EquatableArray<int>? Concat(EquatableArray<int> first, EquatableArray<int> second)
    {
        if (IsImage(first) && IsImage(second) && first[1] == second[1] && first[2] == second[2]) return Image(first[0] + second[0], first[1], first[2]);
        if (first.Count == 1 && second.Count == 1) return Vector(first[0] + second[0]);
        return null;
    }

    /// <summary>Whether a window leaves a remainder of the padded input unused (floor mode drops it).</summary>
    public static bool DropsRemainder(int input, int kernel, int stride, int padding) => (input + 2 * padding - kernel) % stride != 0;

    public static EquatableArray<int> Vector(int features) => new[] { features }.ToEquatableArray();

    public static EquatableArray<int> Image(int channels, int height, int width) => new[] { channels, height, width }.ToEquatableArray();

    /// <summary>The output shape of a layer that has no body; the caller has checked that it fits.</summary>
    public static EquatableArray<int> Output(LayerSpec layer, EquatableArray<int> input) => layer switch
    {
        DenseSpec dense => Vector(dense.Units),
        Conv2DSpec conv => Image(conv.Filters, Side(input[1], conv.Kernel, conv.Stride, conv.Padding), Side(input[2], conv.Kernel, conv.Stride, conv.Padding)),
        PoolSpec pool => Image(input[0], Side(input[1], pool.Kernel, pool.Stride, pool.Padding), Side(input[2], pool.Kernel, pool.Stride, pool.Padding)),
        GlobalAvgPoolSpec => Vector(input[0]),
        ConvTranspose2DSpec t => Image(t.Filters, TransposedSide(input[1], t.Kernel, t.Stride, t.Padding, t.OutputPadding), TransposedSide(input[2], t.Kernel, t.Stride, t.Padding, t.OutputPadding)),
        UpsampleSpec up => Image(input[0], input[1] * up.Factor, input[2] * up.Factor),
        RecurrentSpec recurrent => recurrent.ReturnSequences ? Sequence(input[0], recurrent.Hidden) : Vector(recurrent.Hidden),
        _ => input, // BatchNorm, Dropout: shape-preserving
    };

    /// <summary>The product of the strides of a body's convolutions and pools (a residual projection's stride).</summary>
    public static int Stride(IEnumerable<LayerSpec> body) => body.Aggregate(1, (product, layer) => product * layer switch
    {
        Conv2DSpec conv => conv.Stride,
        PoolSpec pool => pool.Stride,
        ResidualSpec block => Stride(block.Body),
        _ => 1,
    });

    public static string Text(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";
}
