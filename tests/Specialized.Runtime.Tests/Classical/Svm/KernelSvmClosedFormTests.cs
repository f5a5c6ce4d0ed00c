namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>Problems whose solution is known in closed form.</summary>
public class KernelSvmClosedFormTests
{
    private static KernelSvm<RuntimeKernel> Linear(int features, double c) =>
        new(new RuntimeKernel(SvmKernel.Linear, features), c);

    [Theory]
    [InlineData(10.0)] // α = 2/|d|² = 0.25 < C: both multipliers free
    [InlineData(0.1)]  // α would be 0.25 > C: both at the bound C
    public void Two_points_give_the_closed_form_multipliers_weights_and_bias(double c)
    {
        // x₁ = (1, 2) in class 0 (+1), x₂ = (−1, 0) in class 1 (−1); d = x₁ − x₂ = (2, 2), |d|² = 8.
        // α₁ = α₂ = min(C, 2/|d|²), w = α·d, and b = −w·(x₁ + x₂)/2 both when free (the margin
        // equations) and at the bound (LIBSVM's midpoint of the feasible interval).
        float[] x = [1, 2, -1, 0];
        var svm = Linear(2, c);
        svm.Fit(x, [0, 1]);
        KernelSvmState state = svm.ExportState();

        double alpha = Math.Min(c, 2.0 / 8);
        double[] w = [alpha * 2, alpha * 2];
        double b = -(w[0] * 0 + w[1] * 2) / 2;
        // 1e-9: the first SMO step lands on the exact optimum; only double rounding remains.
        Assert.Equal(2, svm.SupportVectorCount);
        Assert.Equal(alpha, state.DualCoefficients[0], 1e-9);
        Assert.Equal(-alpha, state.DualCoefficients[1], 1e-9);
        Assert.Equal(b, state.Intercepts[0], 1e-6); // 1e-6: the gradient sums float kernel values
        Assert.Equal(w[0] * 3 + w[1] * 1 + b, svm.DecisionValue([3f, 1f]), 1e-6);
    }

    [Fact]
    public void Separable_toy_set_recovers_the_known_hyperplane_and_margin()
    {
        // Class 0 at (2, 0), (3, ±1), (4, 0); class 1 mirrored through the line u = 0; the maximal margin
        // hyperplane is u = 0 with margin 4 (the gap between u = 2 and u = −2). The set is rotated by 30°
        // and shifted by (1, −2), which moves the hyperplane but keeps the margin.
        double angle = Math.PI / 6, cos = Math.Cos(angle), sin = Math.Sin(angle);
        double[][] points = [[2, 0], [3, 1], [3, -1], [4, 0], [-2, 0], [-3, 1], [-3, -1], [-4, 0]];
        var x = new float[points.Length * 2];
        for (int i = 0; i < points.Length; i++)
        {
            x[2 * i] = (float)(cos * points[i][0] - sin * points[i][1] + 1);
            x[2 * i + 1] = (float)(sin * points[i][0] + cos * points[i][1] - 2);
        }
        var svm = Linear(2, 1000);
        svm.Fit(x, [0, 0, 0, 0, 1, 1, 1, 1]);
        KernelSvmState state = svm.ExportState();

        double w0 = 0, w1 = 0;
        for (int s = 0; s < svm.SupportVectorCount; s++)
        {
            w0 += state.DualCoefficients[s] * state.SupportVectors[2 * s];
            w1 += state.DualCoefficients[s] * state.SupportVectors[2 * s + 1];
        }
        // The optimum is w = (cos, sin)/2 (|w| = 1/2) and b = −w·(1, −2); the stopping rule (violation
        // below 1e-3) bounds the error of w and b at about that size.
        Assert.Equal(4.0, 2 / Math.Sqrt(w0 * w0 + w1 * w1), 1e-2);
        Assert.Equal(cos / 2, w0, 1e-3);
        Assert.Equal(sin / 2, w1, 1e-3);
        Assert.Equal(-(cos / 2 * 1 + sin / 2 * -2), state.Intercepts[0], 1e-3);
        // Only the two points on the margin, (2, 0) and (−2, 0), carry weight.
        Assert.Equal([0, 4], svm.SupportIndices.ToArray());
        Assert.Equal(0.125, state.DualCoefficients[0], 1e-3);
    }

    [Fact]
    public void Linear_kernel_on_two_gaussian_blobs_satisfies_sum_of_signed_multipliers_zero()
    {
        var random = new Random(7);
        var x = new float[200 * 3];
        var y = new int[200];
        for (int i = 0; i < 200; i++)
        {
            y[i] = i % 2;
            for (int f = 0; f < 3; f++) x[3 * i + f] = (float)(random.NextDouble() * 2 - 1 + (y[i] == 0 ? 0.8 : -0.8));
        }
        var svm = Linear(3, 1);
        svm.Fit(x, y);
        // Σ yᵢαᵢ = 0 is kept exactly by every SMO step; 1e-9 is double rounding over 200 terms.
        Assert.Equal(0, svm.ExportState().DualCoefficients.Sum(), 1e-9);
    }
}
