namespace Specialized.Runtime.Tests.Classical.Svm;

public class KernelSvmStateTests
{
    [Fact]
    public void Exported_state_reloads_into_a_machine_with_identical_decisions()
    {
        var (train, test) = SvmTestData.Digits;
        var rows = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] < 4).ToArray();
        var subset = train.Subset(rows);
        var svm = new KernelSvm<HandSpecializedRbf64>(default, 10);
        svm.Fit(subset.Features, subset.Labels);
        KernelSvmState state = svm.ExportState();

        Assert.Equal(svm.SupportVectorCount * 64, state.SupportVectors.Length);       // [n_SV, features]
        Assert.Equal(3 * svm.SupportVectorCount, state.DualCoefficients.Length);      // [classes − 1, n_SV]
        Assert.Equal(6, state.Intercepts.Length);                                     // one per pair
        Assert.Equal(SvmKernel.Rbf, state.Kernel);
        Assert.Equal(0.001, state.Gamma);

        var loaded = new KernelSvm<HandSpecializedRbf64>(default, 1);
        loaded.ImportState(state);
        Span<double> a = stackalloc double[6], b = stackalloc double[6];
        for (int r = 0; r < test.Count; r++)
        {
            svm.DecisionValues(test.Row(r), a);
            loaded.DecisionValues(test.Row(r), b);
            Assert.Equal(a.ToArray(), b.ToArray()); // same arrays, same arithmetic: bit for bit
        }
        Assert.Equal(svm.SupportIndices.ToArray(), loaded.SupportIndices.ToArray());
    }

    [Fact]
    public void State_from_another_kernel_is_refused()
    {
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 2, 0.5), 1);
        svm.Fit([0, 0, 1, 1, 4, 4, 5, 5], [0, 0, 1, 1]);
        var other = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 2, 0.25), 1);
        var e = Assert.Throws<ArgumentException>(() => other.ImportState(svm.ExportState()));
        Assert.Contains("gamma 0.5", e.Message);
        Assert.False(other.IsFitted);
    }

    [Fact]
    public void State_with_inconsistent_shapes_is_refused()
    {
        var svm = new KernelSvm<RuntimeKernel>(new RuntimeKernel(SvmKernel.Rbf, 2, 0.5), 1);
        svm.Fit([0, 0, 1, 1, 4, 4, 5, 5], [0, 0, 1, 1]);
        KernelSvmState good = svm.ExportState();
        var e = Assert.Throws<ArgumentException>(() => svm.ImportState(good with { DualCoefficients = [1.0] }));
        Assert.Contains("state.DualCoefficients", e.Message);
        Assert.Throws<ArgumentException>(() => svm.ImportState(good with { Classes = [1, 0] }));
        Assert.Throws<ArgumentException>(() => svm.ImportState(good with { Intercepts = [] }));
    }
}
