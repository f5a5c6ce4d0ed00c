using System.Reflection;

namespace Specialized.Runtime.Tests.Classical.Svm;

public class KernelSvmAttributeTests
{
    [KernelSvm(Features = 64, Kernel = SvmKernel.Rbf, Gamma = 0.001, C = 10)]
    private sealed class DeclaredLikeDigitsSvm;

    [Fact]
    public void Declaration_compiles_beside_the_generic_machine_and_keeps_LIBSVM_defaults()
    {
        // [KernelSvm] must resolve to the attribute although KernelSvm<TKernel> exists (different arity).
        var attribute = typeof(DeclaredLikeDigitsSvm).GetCustomAttribute<KernelSvmAttribute>()!;
        Assert.Equal(64, attribute.Features);
        Assert.Equal(SvmKernel.Rbf, attribute.Kernel);
        Assert.Equal(0.001, attribute.Gamma);
        Assert.Equal(10, attribute.C);
        Assert.Equal(1e-3, attribute.Tolerance);   // LIBSVM -e
        Assert.Equal(3, attribute.Degree);         // LIBSVM -d
        Assert.Equal(0, attribute.Coef0);          // LIBSVM -r
        Assert.True(attribute.Shrinking);          // LIBSVM -h 1
        Assert.Equal(200, attribute.CacheMegabytes); // scikit-learn's cache_size
    }
}
