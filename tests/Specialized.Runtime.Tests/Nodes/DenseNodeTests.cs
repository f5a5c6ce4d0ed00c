using System.Reflection;
using Specialized.Kernels;
using Specialized.Nodes;
using static Specialized.Tests.Nodes.NodeBuffers;

namespace Specialized.Tests.Nodes;

/// <summary>
/// The dense node's forward and backward on every register width against a double-precision
/// reference, at sizes around every register width (1, Count − 1, Count, Count + 1, several blocks and
/// a tail; 63, 64 and 128 take the 512-bit path's 6 × 4 panels) and at batch sizes around the 4-, 6- and 8-row blocks. Every buffer is exactly as long as the kernel
/// requires, and the slack after each logical end holds a sentinel: the masked tail stores must leave
/// it untouched.
/// </summary>
public class DenseNodeTests
{
    public static TheoryData<int, int, Activation, bool> Shapes()
    {
        var data = new TheoryData<int, int, Activation, bool>();
        foreach (int units in new[] { 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 47, 63, 64, 100, 128 })
            data.Add(units % 2 == 0 ? 17 : 9, units, units % 3 == 0 ? Activation.Relu : Activation.Identity, units != 7);
        data.Add(64, 33, Activation.Tanh, true);
        data.Add(1, 16, Activation.Sigmoid, true);
        data.Add(3, 5, Activation.Elu, false);
        data.Add(5, 47, Activation.LeakyRelu, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_width_matches_the_reference_and_writes_nothing_past_its_buffers(int inputs, int units, Activation activation, bool bias)
    {
        Type shape = typeof(DenseShape<,,,>).MakeGenericType(Constants.Size(inputs), Constants.Size(units), Constants.Of(activation), Constants.Size(bias ? 1 : 0));
        MethodInfo check = typeof(DenseNodeTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (Type register in NodeBuffers.Registers)
        {
            foreach (int rows in new[] { 1, 3, 4, 5, 6, 7, 9, 13, 16 })
                check.MakeGenericMethod(shape, register).Invoke(null, [rows]);
        }
    }

    private static void Close(double expected, float actual, string what)
    {
        double tolerance = 1e-4 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected}, got {actual}");
    }

    private static void Check<TLayer, TReg>(int rows)
        where TLayer : struct, IDenseLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int n = TLayer.Inputs, m = TLayer.Units, count = DenseNode.ParameterCount<TLayer>();
        string name = $"{typeof(TReg).Name} {n}→{m} {TLayer.Activation}{(TLayer.HasBias ? "" : " no bias")} rows {rows}";
        float[] x = WithSlack(rows * n, 1), p = WithSlack(count, 2), y = WithSlack(rows * m, 3);
        // The outputs span is exact (no slack): the last row's partial register must be stored lane by lane.
        DenseNode.Forward<TLayer, TReg>(x.AsSpan(0, rows * n), p, y.AsSpan(0, rows * m), rows);
        AssertSlackUntouched(y, rows * m, name + " outputs");
        var reference = new double[rows * m];
        for (int r = 0; r < rows; r++)
        {
            for (int u = 0; u < m; u++)
            {
                double z = TLayer.HasBias ? p[n * m + u] : 0;
                for (int i = 0; i < n; i++) z += (double)x[r * n + i] * p[i * m + u];
                reference[r * m + u] = Activate(TLayer.Activation, z);
                Close(reference[r * m + u], y[r * m + u], $"{name} y[{r},{u}]");
            }
        }

        // Backward from a random dL/dy, with dx both stored and added.
        float[] dy = WithSlack(rows * m, 4), g = WithSlack(count, 5), dx = WithSlack(rows * n, 6), scratch = WithSlack(n * m, 7);
        float[] dyCopy = (float[])dy.Clone(), dxBefore = (float[])dx.Clone();
        var dz = new double[rows * m];
        for (int i = 0; i < dz.Length; i++) dz[i] = dyCopy[i] * Derivative(TLayer.Activation, y[i]);
        DenseNode.Backward<TLayer, TReg>(x.AsSpan(0, rows * n), y.AsSpan(0, rows * m), dy, p, g, dx, GradientMode.Add, scratch, rows);
        AssertSlackUntouched(g, count, name + " gradients");
        AssertSlackUntouched(dx, rows * n, name + " input gradient");
        for (int i = 0; i < n; i++)
        {
            for (int u = 0; u < m; u++)
            {
                double expected = 0;
                for (int r = 0; r < rows; r++) expected += x[r * n + i] * dz[r * m + u];
                Close(expected, g[i * m + u], $"{name} dWᵀ[{i},{u}]");
            }
        }
        if (TLayer.HasBias)
        {
            for (int u = 0; u < m; u++) Close(Enumerable.Range(0, rows).Sum(r => dz[r * m + u]), g[n * m + u], $"{name} db[{u}]");
        }
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < n; i++)
            {
                double expected = dxBefore[r * n + i];
                for (int u = 0; u < m; u++) expected += dz[r * m + u] * p[i * m + u];
                Close(expected, dx[r * n + i], $"{name} dx[{r},{i}] (added)");
            }
        }
    }

    [Fact]
    public void Short_buffers_are_refused_naming_the_argument()
    {
        var y = new float[3 * 5 - 1];
        var error = Assert.Throws<ArgumentException>(() => DenseNode.Forward<DenseShape<N4, N5, A0, N1>, Float256>(new float[12], new float[25 + BufferLayout.Slack], y, 3));
        Assert.Equal("outputs", error.ParamName);
        Assert.Contains("needs 15 (15)", error.Message);
        var p = Assert.Throws<ArgumentException>(() => DenseNode.Forward<DenseShape<N4, N5, A0, N1>, Float256>(new float[12], new float[25], new float[15], 3));
        Assert.Equal("parameters", p.ParamName);
        Assert.Contains("needs 41 (25 + 16 slack)", p.Message);
        var x = Assert.Throws<ArgumentException>(() => DenseNode.Forward<DenseShape<N4, N5, A0, N1>, Float256>(new float[11], new float[25 + BufferLayout.Slack], new float[31], 3));
        Assert.Equal("inputs", x.ParamName);
    }
}
