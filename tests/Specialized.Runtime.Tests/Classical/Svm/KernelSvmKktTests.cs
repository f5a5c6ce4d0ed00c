namespace Specialized.Runtime.Tests.Classical.Svm;

/// <summary>The optimality conditions of the dual on trained two-class machines, and solver options that must not change the optimum.</summary>
public class KernelSvmKktTests
{
    private const double C = 10;

    // Slack on the KKT conditions: the solver stops once the maximal violation is below 1e-3, and
    // f(xᵢ) is recomputed from float kernel values; twice the tolerance covers both.
    private const double Slack = 2e-3;

    private static (float[] X, int[] Y) ThreesAndEights()
    {
        var (train, _) = SvmTestData.Digits;
        var rows = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] is 3 or 8).ToArray();
        var subset = train.Subset(rows);
        return (subset.Features, subset.Labels);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Trained_solution_satisfies_the_KKT_conditions(bool shrinking)
    {
        var (x, y) = ThreesAndEights();
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 64, gamma: 0.001), C, shrinking: shrinking);
        svm.Fit(x, y);
        KernelSvmState state = svm.ExportState();

        var alpha = new double[y.Length];
        for (int s = 0; s < svm.SupportVectorCount; s++) alpha[svm.SupportIndices[s]] = Math.Abs(state.DualCoefficients[s]);
        Assert.Equal(0, state.DualCoefficients.Sum(), 1e-9); // Σ yᵢαᵢ = 0, kept exactly up to double rounding

        int free = 0, bounded = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double sign = y[i] == 3 ? 1 : -1; // the smaller label is the positive class
            double margin = sign * svm.DecisionValue(x.AsSpan(i * 64, 64));
            Assert.InRange(alpha[i], 0, C);
            if (alpha[i] == 0) Assert.True(margin >= 1 - Slack, $"row {i}: α = 0 but y·f = {margin}");
            else if (alpha[i] == C) { bounded++; Assert.True(margin <= 1 + Slack, $"row {i}: α = C but y·f = {margin}"); }
            else { free++; Assert.True(Math.Abs(margin - 1) <= Slack, $"row {i}: free α but y·f = {margin}"); }
        }
        Assert.True(free > 0);
    }

    [Fact]
    public void Shrinking_on_and_off_reach_the_same_solution()
    {
        var (x, y) = ThreesAndEights();
        var kernel = new RuntimeKernel(SvmKernel.Rbf, 64, gamma: 0.001);
        var with = new KernelSvm<RuntimeKernel>(kernel, C, shrinking: true);
        var without = new KernelSvm<RuntimeKernel>(kernel, C, shrinking: false);
        with.Fit(x, y);
        without.Fit(x, y);
        // Both stop within 1e-3 of optimal, so decision values agree to about that (the optimum is unique).
        for (int i = 0; i < y.Length; i++)
            Assert.Equal(without.DecisionValue(x.AsSpan(i * 64, 64)), with.DecisionValue(x.AsSpan(i * 64, 64)), 5e-3);
        Assert.Equal(without.ExportState().Intercepts[0], with.ExportState().Intercepts[0], 2e-3);
    }

    [Fact]
    public void Tiny_cache_computes_more_rows_but_reaches_the_same_solution()
    {
        var (x, y) = ThreesAndEights();
        var kernel = new RuntimeKernel(SvmKernel.Rbf, 64, gamma: 0.001);
        var roomy = new KernelSvm<RuntimeKernel>(kernel, C, cacheMegabytes: 200);
        var tiny = new KernelSvm<RuntimeKernel>(kernel, C, cacheMegabytes: 0.005); // 1,310 floats: 4 rows of the 267 samples
        roomy.Fit(x, y);
        tiny.Fit(x, y);

        Assert.True(tiny.KernelRowsComputed > 2 * roomy.KernelRowsComputed,
            $"tiny cache computed {tiny.KernelRowsComputed} rows, roomy {roomy.KernelRowsComputed}");
        // The cache only stores values the kernel computes deterministically, so the solver takes the same
        // steps: the same support vectors and the same coefficients (1e-9: the same arithmetic).
        Assert.Equal(roomy.SupportIndices.ToArray(), tiny.SupportIndices.ToArray());
        KernelSvmState a = roomy.ExportState(), b = tiny.ExportState();
        for (int i = 0; i < a.DualCoefficients.Length; i++) Assert.Equal(a.DualCoefficients[i], b.DualCoefficients[i], 1e-9);
        Assert.Equal(a.Intercepts[0], b.Intercepts[0], 1e-9);
    }
}
