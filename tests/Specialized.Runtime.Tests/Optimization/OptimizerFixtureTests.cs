namespace Specialized.Tests.Optimization;

/// <summary>Every optimizer against torch.optim's trajectories, in double and in single precision.</summary>
public sealed class OptimizerFixtureTests
{
    private static readonly OptimizerFixture Fixture = OptimizerFixture.Load();

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (string name in OptimizerFixture.Load().Cases.Keys) names.Add(name);
        return names;
    }

    [Fact]
    public void Fixture_holds_the_ten_trajectories_of_twelve_steps()
    {
        Assert.Equal(10, Fixture.Cases.Count);
        Assert.Equal(12, Fixture.Gradients.Length);
        Assert.All(Fixture.Cases.Values, c => Assert.Equal(12, c.Expected.Length));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Double_precision_update_matches_torch_trajectory_to_1e6_relative_on_every_vector_width(string name)
    {
        OptimizerFixture.Case fixtureCase = Fixture.Cases[name];
        // Six parameters: the 256- and 512-bit paths cover part of the buffer and leave a scalar tail.
        foreach (VectorPath path in new[] { VectorPath.Auto, VectorPath.Scalar, VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
        {
            OptimizerCore<double> optimizer = fixtureCase.CreateCore<double>();
            optimizer.Path = path;
            double[] parameters = (double[])Fixture.Start.Clone();
            for (int step = 0; step < Fixture.Gradients.Length; step++)
            {
                optimizer.Step(parameters, Fixture.Gradients[step]);
                // 1e-6 relative: the bound for double precision; the only differences from torch are
                // the rounding of a different but equivalent operation order, around 1e-15.
                AssertClose(fixtureCase.Expected[step], parameters, 1e-6, $"{name} ({path})", step);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Single_precision_optimizer_matches_torch_trajectory_to_1e4_relative(string name)
    {
        OptimizerFixture.Case fixtureCase = Fixture.Cases[name];
        IOptimizer optimizer = fixtureCase.CreatePublic();
        float[] parameters = Fixture.Start.Select(v => (float)v).ToArray();
        for (int step = 0; step < Fixture.Gradients.Length; step++)
        {
            float[] gradients = Fixture.Gradients[step].Select(v => (float)v).ToArray();
            optimizer.Step(parameters, gradients);
            // 1e-4 relative: the bound for single precision (float rounding, ~6e-8 per operation,
            // accumulated over 12 steps and divided by small denominators in the adaptive methods).
            AssertClose(fixtureCase.Expected[step], parameters.Select(v => (double)v).ToArray(), 1e-4, name, step);
        }
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, string name, int step)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]) / Math.Abs(expected[i]);
            Assert.True(error <= relative,
                $"{name} step {step + 1} parameter {i}: {actual[i]:R} vs torch {expected[i]:R} (relative error {error:E2} > {relative:E0}).");
        }
    }
}
