using Specialized.Models.Tests.Declarations;

namespace Specialized.Models.Tests;

/// <summary>
/// Every activation and loss: the analytic gradient matches central finite differences of the loss.
/// The loss is evaluated in float, so the check compares whole gradient vectors with a relative
/// tolerance of 2% on the difference norm (float round-off in the difference quotient is ~1e-3 at h = 1e-2).
/// </summary>
public class GradientCheckTests
{
    private static void Check<TModel>(TModel model, Func<TModel, float> loss) where TModel : IModel
    {
        loss(model);
        float[] analytic = model.Gradients.ToArray();
        Span<float> parameters = model.Parameters;
        var numeric = new double[analytic.Length];
        const float h = 1e-2f;
        for (int i = 0; i < parameters.Length; i++)
        {
            float saved = parameters[i];
            parameters[i] = saved + h;
            double plus = loss(model);
            parameters[i] = saved - h;
            double minus = loss(model);
            parameters[i] = saved;
            numeric[i] = (plus - minus) / (2 * h);
        }
        double difference = Math.Sqrt(analytic.Select((a, i) => (a - numeric[i]) * (a - numeric[i])).Sum());
        double scale = Math.Sqrt(numeric.Select(n => n * n).Sum()) + 1e-8;
        Assert.True(difference / scale < 0.02, $"{typeof(TModel).Name}: relative gradient error {difference / scale:G3}");
        Assert.True(scale > 1e-4, "the gradient is nearly zero, so the check would prove nothing");
    }

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
            case "Identity": Check(new IdentityNet(), m => m.ComputeGradients(x, t)); break;
            case "Relu": Check(new ReluNet(), m => m.ComputeGradients(x, t)); break;
            case "LeakyRelu": Check(new LeakyReluNet(), m => m.ComputeGradients(x, t)); break;
            case "Elu": Check(new EluNet(), m => m.ComputeGradients(x, t)); break;
            case "Sigmoid": Check(new SigmoidNet(), m => m.ComputeGradients(x, t)); break;
            case "Tanh": Check(new TanhNet(), m => m.ComputeGradients(x, t)); break;
        }
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_matches_finite_differences() =>
        Check(new SoftmaxNet(), m => m.ComputeGradients(Inputs(5 * 6, 2), [0, 3, 1, 2, 3]));

    [Fact]
    public void Softmax_cross_entropy_with_soft_targets_matches_finite_differences()
    {
        float[] targets = [0.2f, 0.3f, 0.5f, 0f, 1f, 0f, 0f, 0f];
        Check(new SoftmaxNet(), m => m.ComputeGradients(Inputs(2 * 6, 3), targets));
    }

    [Fact]
    public void Binary_cross_entropy_gradient_matches_finite_differences()
    {
        float[] targets = Targets(5 * 3, 4).Select(v => (v + 1) / 2).ToArray();
        Check(new BinaryNet(), m => m.ComputeGradients(Inputs(5 * 6, 4), targets));
    }

    [Fact]
    public void Mean_absolute_error_gradient_matches_finite_differences() =>
        Check(new AbsoluteNet(), m => m.ComputeGradients(Inputs(5 * 6, 5), Targets(5 * 3, 5)));

    [Fact]
    public void Multi_class_hinge_gradient_matches_finite_differences() =>
        Check(new HingeNet(), m => m.ComputeGradients(Inputs(6 * 6, 6), [0, 1, 2, 3, 2, 1]));

    [Fact]
    public void Binary_hinge_on_plus_minus_one_targets_matches_finite_differences()
    {
        float[] targets = Targets(5 * 4, 7).Select(v => v > 0 ? 1f : -1f).ToArray();
        Check(new HingeNet(), m => m.ComputeGradients(Inputs(5 * 6, 7), targets));
    }
}
