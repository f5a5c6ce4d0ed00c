namespace Specialized.Tests.Optimization;

/// <summary>
/// Every vector width of every update against the scalar formula. The widths run the same operations in
/// the same order (no fused multiply-add, correctly rounded sqrt and division), so the results are
/// bit-identical, which is what these tests assert.
/// </summary>
public sealed class OptimizerVectorPathTests
{
    private static readonly Dictionary<string, Func<OptimizerCore<float>>> Configurations = new()
    {
        ["Sgd"] = () => new SgdCore<float>(0.1),
        ["SgdMomentumDampening"] = () => new SgdCore<float>(0.1, momentum: 0.9, dampening: 0.3),
        ["SgdNesterovWeightDecay"] = () => new SgdCore<float>(0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01),
        ["RmsProp"] = () => new RmsPropCore<float>(0.01),
        ["RmsPropCenteredMomentumWeightDecay"] = () => new RmsPropCore<float>(0.01, alpha: 0.9, weightDecay: 0.01, momentum: 0.5, centered: true),
        ["AdaGradDecay"] = () => new AdaGradCore<float>(0.1, learningRateDecay: 0.05, weightDecay: 0.01, initialAccumulatorValue: 0.1),
        ["AdaDeltaWeightDecay"] = () => new AdaDeltaCore<float>(1, weightDecay: 0.01),
        ["AdamWeightDecayAmsGrad"] = () => new AdamCore<float>(1e-3, 0.9, 0.999, 1e-8, 0.01, amsGrad: true, decoupled: false),
        ["AdamWAmsGrad"] = () => new AdamCore<float>(1e-3, 0.9, 0.999, 1e-8, 0.01, amsGrad: true, decoupled: true),
        ["Adam"] = () => new AdamCore<float>(1e-3, 0.9, 0.999, 1e-8, 0, amsGrad: false, decoupled: false),
    };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Configurations.Keys)
        {
            foreach (int length in new[] { 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000 }) data.Add(name, length);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_vector_width_matches_the_scalar_formula_bit_for_bit(string name, int length)
    {
        float[] reference = Run(name, length, VectorPath.Scalar);
        foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512, VectorPath.Auto })
        {
            float[] actual = Run(name, length, path);
            for (int i = 0; i < length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(reference[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"{name}, length {length}, {path}: element {i} is {actual[i]:R}, the scalar formula gives {reference[i]:R}.");
            }
        }
    }

    [Fact]
    public void Double_precision_vector_widths_match_the_scalar_formula_bit_for_bit()
    {
        foreach (int length in new[] { 1, 3, 4, 5, 9, 17, 100 })
        {
            double[] reference = RunAdamDouble(length, VectorPath.Scalar);
            foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
                Assert.Equal(reference, RunAdamDouble(length, path));
        }
    }

    // Three steps, so the first-step branches (SGD momentum) and the steady state are both covered.
    private static float[] Run(string name, int length, VectorPath path)
    {
        var random = new Random(length * 31 + name.Length);
        float[] parameters = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        OptimizerCore<float> optimizer = Configurations[name]();
        optimizer.Path = path;
        for (int step = 0; step < 3; step++)
        {
            float[] gradients = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            optimizer.Step(parameters, gradients);
        }
        return parameters;
    }

    private static double[] RunAdamDouble(int length, VectorPath path)
    {
        var random = new Random(length);
        double[] parameters = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var optimizer = new AdamCore<double>(1e-3, 0.9, 0.999, 1e-8, 0.01, amsGrad: true, decoupled: false) { Path = path };
        for (int step = 0; step < 3; step++)
            optimizer.Step(parameters, Enumerable.Range(0, length).Select(_ => random.NextDouble() * 4 - 2).ToArray());
        return parameters;
    }
}
