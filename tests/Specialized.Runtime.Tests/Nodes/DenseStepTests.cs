using System.Reflection;
using Specialized.Kernels;
using Specialized.Nodes;
using static Specialized.Tests.Nodes.NodeBuffers;

namespace Specialized.Tests.Nodes;

/// <summary>
/// The streaming head's one-row Dense (<see cref="DenseStep"/>) on every register width against a double-precision
/// reference, at the dense node's sizes: one unit (the contiguous dot product), fewer units than a register (strided
/// dots), whole registers and registers with a tail, every activation, with and without bias. Spans are exactly as
/// long as the layer's sizes with a sentinel after each (DenseStep takes no slack and must write nothing past Units),
/// and the parameters are followed by other values (a model's later layers) that must not be read as the bias.
/// </summary>
public class DenseStepTests
{
    public static TheoryData<int, int, Activation, bool> Shapes() => DenseNodeTests.Shapes();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_width_matches_the_reference_and_writes_exactly_the_units(int inputs, int units, Activation activation, bool bias)
    {
        Type shape = typeof(DenseShape<,,,>).MakeGenericType(Constants.Size(inputs), Constants.Size(units), Constants.Of(activation), Constants.Size(bias ? 1 : 0));
        MethodInfo check = typeof(DenseStepTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (Type register in Registers)
            check.MakeGenericMethod(shape, register).Invoke(null, []);
    }

    private static void Check<TLayer, TReg>()
        where TLayer : struct, IDenseLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        int n = TLayer.Inputs, m = TLayer.Units, count = DenseNode.ParameterCount<TLayer>();
        string name = $"{typeof(TReg).Name} {n}→{m} {TLayer.Activation}{(TLayer.HasBias ? "" : " no bias")}";
        float[] x = WithSlack(n, 1), p = WithSlack(count + 8, 2), y = WithSlack(m, 3);
        DenseStep.Run<TLayer, TReg>(x.AsSpan(0, n), p, y.AsSpan(0, m));
        AssertSlackUntouched(y, m, name + " output");
        for (int u = 0; u < m; u++)
        {
            double z = TLayer.HasBias ? p[n * m + u] : 0;
            for (int i = 0; i < n; i++) z += (double)x[i] * p[i * m + u];
            double expected = Activate(TLayer.Activation, z);
            Assert.True(Math.Abs(expected - y[u]) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{name} y[{u}]: expected {expected}, got {y[u]}");
        }
    }

    [Fact]
    public void Short_spans_are_refused_naming_the_argument()
    {
        var x = Assert.Throws<ArgumentException>(() => DenseStep.Run<DenseShape<N4, N5, A0, N1>, Float256>(new float[3], new float[25], new float[5]));
        Assert.Equal("input", x.ParamName);
        var p = Assert.Throws<ArgumentException>(() => DenseStep.Run<DenseShape<N4, N5, A0, N1>, Float256>(new float[4], new float[24], new float[5]));
        Assert.Equal("parameters", p.ParamName);
        var y = Assert.Throws<ArgumentException>(() => DenseStep.Run<DenseShape<N4, N5, A0, N1>, Float256>(new float[4], new float[25], new float[4]));
        Assert.Equal("output", y.ParamName);
        Assert.Contains("5", y.Message);
    }
}
