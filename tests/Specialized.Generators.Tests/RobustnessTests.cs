using Microsoft.CodeAnalysis;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>The generator never throws: random and malformed declarations give diagnostics, never exceptions, and no source when wrong.</summary>
public class RobustnessTests
{
    private static readonly string[] Activations = ["Activation.Identity", "Activation.Relu", "Activation.Tanh", "Activation.Sigmoid", "(Activation)9", "Activation.Elu", "Activation.LeakyRelu"];
    private static readonly string[] Losses = ["Loss.SoftmaxCrossEntropy", "Loss.BinaryCrossEntropy", "Loss.MeanSquaredError", "Loss.MeanAbsoluteError", "Loss.Hinge", "(Loss)17"];
    private static readonly int[] Sizes = [-5, 0, 1, 2, 3, 7, 8, 9, 16, 17, 33];

    private static string RandomDeclaration(Random random)
    {
        var parts = new List<string>();
        string naming = random.Next(4) == 0 ? ", Naming = TensorNaming.Sequential" : "";
        bool image = random.Next(3) == 0;
        string input = image
            ? $"Channels = {random.Next(-1, 4)}, Height = {Sizes[random.Next(Sizes.Length)]}, Width = {Sizes[random.Next(Sizes.Length)]}"
            : $"Input = {Sizes[random.Next(Sizes.Length)]}";
        if (random.Next(10) > 0)
            parts.Add($"[Model({input}, Loss = {Losses[random.Next(Losses.Length)]}{naming})]");
        if (random.Next(12) == 0) parts.Add("[Model(Input = 3)]");
        int layers = random.Next(0, 6);
        for (int i = 0; i < layers; i++)
        {
            string name = random.Next(6) == 0 ? ", Name = \"dup\"" : random.Next(8) == 0 ? ", Name = \"\"" : "";
            string activation = Activations[random.Next(Activations.Length)];
            parts.Add(random.Next(image ? 11 : 7) switch
            {
                7 => $"[Conv2D({random.Next(-1, 5)}, {random.Next(0, 5)}, {activation}, Stride = {random.Next(0, 3)}, Padding = {random.Next(-1, 3)}{name})]",
                8 => $"[MaxPool({random.Next(0, 4)}{(random.Next(2) == 0 ? ", Padding = " + random.Next(0, 3) : "")}{name})]",
                9 => $"[AvgPool({random.Next(1, 4)}, Stride = {random.Next(0, 3)}{name})]",
                10 => $"[GlobalAvgPool{(name.Length > 0 ? "(" + name.TrimStart(',', ' ') + ")" : "")}]",
                0 => $"[BatchNorm({activation}{(random.Next(4) == 0 ? ", Momentum = " + (random.Next(3) - 1) : "")}{name})]",
                1 => $"[Dropout({(random.Next(5) - 1) * 0.3:0.0}{name})]",
                2 => $"[Residual(Layers = {random.Next(-1, 4)}, Activation = {activation}{name})]",
                _ => $"[Dense({Sizes[random.Next(Sizes.Length)]}, {activation}{name})]",
            });
        }
        string partial = random.Next(8) == 0 ? "" : "partial ";
        string generic = random.Next(12) == 0 ? "<T>" : "";
        string body = random.Next(2) == 0 ? ";" : " { }";
        string kind = random.Next(10) switch { 0 => "record", 1 => "static class", 2 => "struct", _ => "class" };
        string declaration = $"{string.Join(" ", parts)} public {partial}{kind} Net{generic}{body}";
        if (random.Next(12) == 0) declaration = $"public partial class Outer {{ {declaration} }}";
        // Some inputs are not even valid C#: the generator must still cope.
        if (random.Next(15) == 0) declaration = declaration.Substring(0, random.Next(declaration.Length));
        return GeneratorHarness.Usings + declaration;
    }

    [Fact]
    public void Five_hundred_random_declarations_never_throw_and_bad_ones_generate_nothing()
    {
        var random = new Random(1234);
        var (generated, rejected) = PipelineKit.Fuzz(Enumerable.Range(0, 500).Select(_ => RandomDeclaration(random)).ToList());
        // The mix must exercise both outcomes, or the test proves nothing.
        Assert.True(generated > 15, $"only {generated} declarations generated code");
        Assert.True(rejected > 50, $"only {rejected} declarations were rejected");
    }
}
