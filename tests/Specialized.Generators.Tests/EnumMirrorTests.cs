using Specialized.Generators.Parsing;

namespace Specialized.Generators.Tests;

/// <summary>
/// The generator cannot reference the runtime, so it mirrors the declaration enums; attribute
/// arguments arrive as their integer values, so the mirrors must agree name for name, value for value.
/// </summary>
public class EnumMirrorTests
{
    private static void AssertMirrors<TGenerator, TRuntime>() where TGenerator : struct, Enum where TRuntime : struct, Enum
    {
        var generator = Enum.GetValues<TGenerator>().Select(v => (Enum.GetName(v), Convert.ToInt32(v)));
        var runtime = Enum.GetValues<TRuntime>().Select(v => (Enum.GetName(v), Convert.ToInt32(v)));
        Assert.Equal(runtime, generator);
    }

    [Fact]
    public void Activation_mirror_matches_the_runtime() => AssertMirrors<ActivationKind, Activation>();

    [Fact]
    public void Loss_mirror_matches_the_runtime() => AssertMirrors<LossKind, Loss>();

    [Fact]
    public void Initializer_mirror_matches_the_runtime() => AssertMirrors<InitializerKind, Initializer>();

    [Fact]
    public void Tensor_naming_mirror_matches_the_runtime() => AssertMirrors<TensorNamingKind, TensorNaming>();

    [Fact]
    public void Svm_kernel_mirror_matches_the_runtime() => AssertMirrors<SvmKernelKind, SvmKernel>();
}
