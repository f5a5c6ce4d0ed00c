using Microsoft.CodeAnalysis;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Random [KernelSvm] declarations never make the generator throw; bad ones generate nothing, accepted ones compile.</summary>
public class SvmRobustnessTests
{
    private static readonly string[] Kernels = ["SvmKernel.Linear", "SvmKernel.Polynomial", "SvmKernel.Rbf", "SvmKernel.Sigmoid", "(SvmKernel)9"];
    private static readonly string[] Features = ["-1", "0", "1", "2", "3", "4", "5", "7", "8", "9", "15", "16", "17", "31", "33", "64", "100", "300", "16777217"];
    private static readonly string[] Reals = ["0", "-1", "0.001", "0.5", "1", "10", "1e-9", "double.NaN", "double.PositiveInfinity", "1.0 / 3"];
    private static readonly string[] Degrees = ["-1", "0", "1", "2", "3", "5", "64", "65"];

    private static string RandomDeclaration(Random random)
    {
        var arguments = new List<string>();
        if (random.Next(8) > 0) arguments.Add($"Features = {Features[random.Next(Features.Length)]}");
        if (random.Next(5) > 0) arguments.Add($"Kernel = {Kernels[random.Next(Kernels.Length)]}");
        // Gamma is needed by three kernels in four: give it often, and a sound value most of the time.
        if (random.Next(5) > 0) arguments.Add($"Gamma = {(random.Next(3) > 0 ? "0.01" : Reals[random.Next(Reals.Length)])}");
        if (random.Next(3) == 0) arguments.Add($"C = {Reals[random.Next(Reals.Length)]}");
        if (random.Next(4) == 0) arguments.Add($"Degree = {Degrees[random.Next(Degrees.Length)]}");
        if (random.Next(4) == 0) arguments.Add($"Coef0 = {Reals[random.Next(Reals.Length)]}");
        if (random.Next(6) == 0) arguments.Add($"Tolerance = {Reals[random.Next(Reals.Length)]}");
        if (random.Next(6) == 0) arguments.Add($"CacheMegabytes = {Reals[random.Next(Reals.Length)]}");
        if (random.Next(6) == 0) arguments.Add($"Shrinking = {(random.Next(2) == 0 ? "true" : "false")}");
        arguments = arguments.OrderBy(_ => random.Next()).ToList();
        string model = random.Next(15) == 0 ? "[Model(Input = 3)] [Dense(2)] " : "";
        string partial = random.Next(10) == 0 ? "" : random.Next(25) == 0 ? "static partial " : "partial ";
        string baseType = random.Next(25) == 0 ? " : System.Attribute" : "";
        string generic = random.Next(15) == 0 ? "<T>" : "";
        string body = random.Next(2) == 0 ? ";" : " { }";
        string declaration = $"{model}[KernelSvm({string.Join(", ", arguments)})] public {partial}class Svm{generic}{baseType}{body}";
        if (random.Next(15) == 0) declaration = $"public partial class Outer {{ {declaration} }}";
        // Some inputs are not even valid C#: the generator must still cope.
        if (random.Next(20) == 0) declaration = declaration.Substring(0, random.Next(declaration.Length));
        return GeneratorHarness.Usings + declaration;
    }

    [Fact]
    public void Two_hundred_random_svm_declarations_never_throw_and_bad_ones_generate_nothing()
    {
        var random = new Random(4321);
        var (generated, rejected) = PipelineKit.Fuzz(Enumerable.Range(0, 200).Select(_ => RandomDeclaration(random)).ToList());
        // The mix must exercise both outcomes, or the test proves nothing.
        Assert.True(generated > 20, $"only {generated} declarations generated code");
        Assert.True(rejected > 50, $"only {rejected} declarations were rejected");
    }
}
