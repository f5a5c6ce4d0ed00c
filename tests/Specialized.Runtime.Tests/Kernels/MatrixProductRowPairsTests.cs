using System.Reflection;
using Specialized.Kernels;
using Specialized.Tests.Nodes;
using static Specialized.Tests.Nodes.NodeBuffers;

namespace Specialized.Tests.Kernels;

/// <summary>
/// The matrix product's blocks on every start and fused ReLU, and its row-pair blocks, which it takes by itself only on 128-bit registers without
/// FMA (x86-64-v2): forced here on every register width, so they are checked on a machine that has FMA too.
/// Widths from one register to eight (six-register panels, the 4 + 3 and 4 + 4 splits of seven and eight,
/// partial last registers), odd row counts (the last row alone), an odd depth (the tail of the two-chain
/// loop), every start and the fused ReLU, against a double-precision reference; nothing past C may change.
/// </summary>
public class MatrixProductRowPairsTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int columns in new[] { 1, 3, 4, 5, 9, 13, 17, 28, 31, 33, 47, 63, 100 })
            data.Add(columns, columns % 2 == 0 ? 17 : 5);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Row_pair_blocks_match_the_reference_on_every_width(int columns, int depth)
    {
        MethodInfo check = typeof(MatrixProductRowPairsTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (ProductStart start in Enum.GetValues<ProductStart>())
        {
            foreach (bool relu in new[] { false, true })
            {
                Type shape = typeof(RowMajorProduct<,,,>).MakeGenericType(Constants.Size(columns), Constants.Size(depth), Constants.Size((int)start), Constants.Size(relu ? 1 : 0));
                foreach (Type register in Registers)
                {
                    foreach (int rows in new[] { 1, 2, 3, 5, 8 })
                        check.MakeGenericMethod(shape, register).Invoke(null, [rows, true]);
                }
            }
        }
    }

    public static TheoryData<int, int> MainShapes()
    {
        // On 16-lane registers: 1 register (8 × 1, 4 × 1), 2 (4 × 2), 3 (8 × 3), 4 and 8 (6 × 4 and 4 × 4), 7 (8 × 3 twice
        // and 8 × 1), 63 (8 × 3 panels); partial last registers throughout; the narrower widths walk their own mix of the
        // same blocks.
        var data = new TheoryData<int, int>();
        foreach (int columns in new[] { 1, 16, 17, 31, 47, 63, 64, 100, 128, 1000 })
            data.Add(columns, columns % 2 == 0 ? 17 : 5);
        return data;
    }

    // The start (zero, bias, C) and the fused ReLU are read by the blocks at run time, apart from accumulating into C:
    // every combination on every block of the product's own walk, not only through the layers that happen to use it.
    [Theory]
    [MemberData(nameof(MainShapes))]
    public void Main_blocks_match_the_reference_for_every_start_and_relu_on_every_width(int columns, int depth)
    {
        MethodInfo check = typeof(MatrixProductRowPairsTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (ProductStart start in Enum.GetValues<ProductStart>())
        {
            foreach (bool relu in new[] { false, true })
            {
                Type shape = typeof(RowMajorProduct<,,,>).MakeGenericType(Constants.Size(columns), Constants.Size(depth), Constants.Size((int)start), Constants.Size(relu ? 1 : 0));
                foreach (Type register in Registers)
                {
                    foreach (int rows in new[] { 1, 4, 6, 8, 12, 16 })
                        check.MakeGenericMethod(shape, register).Invoke(null, [rows, false]);
                }
            }
        }
    }

    private static void Check<TShape, TReg>(int rows, bool rowPairs)
        where TShape : struct, IProductShape
        where TReg : struct, IFloatRegister<TReg>
    {
        int n = TShape.Columns, depth = TShape.RowStride;
        string name = $"{(rowPairs ? "row pairs" : "blocks")} {typeof(TReg).Name} {rows}×{depth}·{depth}×{n} {TShape.Start}{(TShape.Relu ? " ReLU" : "")}";
        float[] a = WithSlack(rows * depth, 11), b = WithSlack(depth * n, 12), bias = WithSlack(n, 13), c = WithSlack(rows * n, 14);
        float[] before = (float[])c.Clone();
        if (rowPairs) MatrixProduct.RunInRowPairs<TShape, TReg>(ref a[0], ref b[0], ref bias[0], ref c[0], rows, depth);
        else MatrixProduct.Run<TShape, TReg>(ref a[0], ref b[0], ref bias[0], ref c[0], rows, depth);
        AssertSlackUntouched(c, rows * n, name + " C");
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double z = TShape.Start switch { ProductStart.Bias => bias[j], ProductStart.Accumulate => before[r * n + j], _ => 0 };
                double magnitude = Math.Abs(z);
                for (int k = 0; k < depth; k++)
                {
                    z += (double)a[r * depth + k] * b[k * n + j];
                    magnitude += Math.Abs((double)a[r * depth + k] * b[k * n + j]);
                }
                if (TShape.Relu) z = Math.Max(z, 0);
                Close(z, magnitude, c[r * n + j], $"{name} C[{r},{j}]");
            }
        }
    }

    private readonly struct RowMajorProduct<TColumns, TDepth, TStart, TRelu> : IProductShape
        where TColumns : struct, IConstant
        where TDepth : struct, IConstant
        where TStart : struct, IConstant
        where TRelu : struct, IConstant
    {
        public static int Columns => TColumns.Value;
        public static int RowStride => TDepth.Value;
        public static int DepthStride => 1;
        public static ProductStart Start => (ProductStart)TStart.Value;
        public static bool Relu => TRelu.Value == 1;
    }
}
