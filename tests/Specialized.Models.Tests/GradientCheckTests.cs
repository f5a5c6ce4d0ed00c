using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>
/// Every activation and loss: the analytic gradient matches central finite differences of the loss.
/// The loss is evaluated in float, so the check compares whole gradient vectors with a relative
/// tolerance of 2% on the difference norm (float round-off in the difference quotient is ~1e-3 at h = 1e-2).
/// </summary>
public class GradientCheckTests
{
    private static float[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static float[] Targets(int count, int seed) => Inputs(count, seed + 100);

    public static TheoryData<string> Activations => new() { "Identity", "Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Activation_gradient_matches_finite_differences(string activation)
    {
        float[] x = Inputs(4 * 5, 1), t = Targets(4 * 3, 1);
        switch (activation)
        {
            case "Identity": GradientCheck.Assert(new IdentityNet(), m => m.ComputeGradients(x, t)); break;
            case "Relu": GradientCheck.Assert(new ReluNet(), m => m.ComputeGradients(x, t)); break;
            case "LeakyRelu": GradientCheck.Assert(new LeakyReluNet(), m => m.ComputeGradients(x, t)); break;
            case "Elu": GradientCheck.Assert(new EluNet(), m => m.ComputeGradients(x, t)); break;
            case "Sigmoid": GradientCheck.Assert(new SigmoidNet(), m => m.ComputeGradients(x, t)); break;
            case "Tanh": GradientCheck.Assert(new TanhNet(), m => m.ComputeGradients(x, t)); break;
        }
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_matches_finite_differences() =>
        GradientCheck.Assert(new SoftmaxNet(), m => m.ComputeGradients(Inputs(5 * 6, 2), [0, 3, 1, 2, 3]));

    [Fact]
    public void Softmax_cross_entropy_with_soft_targets_matches_finite_differences()
    {
        float[] targets = [0.2f, 0.3f, 0.5f, 0f, 1f, 0f, 0f, 0f];
        GradientCheck.Assert(new SoftmaxNet(), m => m.ComputeGradients(Inputs(2 * 6, 3), targets));
    }

    [Fact]
    public void Binary_cross_entropy_gradient_matches_finite_differences()
    {
        float[] targets = Targets(5 * 3, 4).Select(v => (v + 1) / 2).ToArray();
        GradientCheck.Assert(new BinaryNet(), m => m.ComputeGradients(Inputs(5 * 6, 4), targets));
    }

    [Fact]
    public void Mean_absolute_error_gradient_matches_finite_differences() =>
        GradientCheck.Assert(new AbsoluteNet(), m => m.ComputeGradients(Inputs(5 * 6, 5), Targets(5 * 3, 5)));

    [Fact]
    public void Multi_class_hinge_gradient_matches_finite_differences() =>
        GradientCheck.Assert(new HingeNet(), m => m.ComputeGradients(Inputs(6 * 6, 6), [0, 1, 2, 3, 2, 1]));

    [Fact]
    public void Binary_hinge_on_plus_minus_one_targets_matches_finite_differences()
    {
        float[] targets = Targets(5 * 4, 7).Select(v => v > 0 ? 1f : -1f).ToArray();
        GradientCheck.Assert(new HingeNet(), m => m.ComputeGradients(Inputs(5 * 6, 7), targets));
    }
}
