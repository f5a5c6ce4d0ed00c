using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Random declarations with branches, skip concatenations, transposed convolutions and upsampling never make the generator throw.</summary>
public class BranchRobustnessTests
{
    private static readonly string[] Activations = ["Activation.Identity", "Activation.Relu", "Activation.Tanh", "(Activation)9"];
    private static readonly string[] Losses = ["Loss.SoftmaxCrossEntropy", "Loss.MeanSquaredError", "Loss.BinaryCrossEntropy"];

    private static string Layer(Random random, int index)
    {
        string activation = Activations[random.Next(Activations.Length)];
        string name = random.Next(10) == 0 ? ", Name = \"dup\"" : "";
        return random.Next(9) switch
        {
            0 => $"[Branches({string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(-1, 3)))}{name})]",
            1 => $"[ConcatFrom({random.Next(-1, index + 2)}{name})]",
            2 => $"[ConvTranspose2D({random.Next(-1, 5)}, {random.Next(0, 4)}, {activation}, Stride = {random.Next(0, 4)}, Padding = {random.Next(-1, 3)}, OutputPadding = {random.Next(-1, 3)}{(random.Next(3) == 0 ? ", Bias = false" : "")}{name})]",
            3 => $"[Upsample({random.Next(-1, 4)}{name})]",
            4 => $"[Conv2D({random.Next(1, 5)}, {random.Next(1, 4)}, {activation}, Padding = {random.Next(0, 2)}{name})]",
            5 => $"[MaxPool({random.Next(1, 4)}, Stride = {random.Next(0, 3)}, Padding = {random.Next(0, 2)}{name})]",
            6 => $"[Residual(Layers = {random.Next(0, 3)}{name})]",
            7 => "[GlobalAvgPool]",
            _ => $"[Dense({random.Next(0, 6)}{name})]",
        };
    }

    private static string RandomDeclaration(Random random)
    {
        bool image = random.Next(5) > 0;
        string input = image ? $"Channels = {random.Next(1, 4)}, Height = {random.Next(1, 10)}, Width = {random.Next(1, 10)}" : $"Input = {random.Next(1, 9)}";
        var parts = new List<string> { $"[Model({input}, Loss = {Losses[random.Next(Losses.Length)]})]" };
        int layers = random.Next(1, 8);
        for (int i = 0; i < layers; i++) parts.Add(Layer(random, i));
        string declaration = $"{string.Join(" ", parts)} public partial class Net;";
        if (random.Next(20) == 0) declaration = declaration.Substring(0, random.Next(declaration.Length));
        return GeneratorHarness.Usings + declaration;
    }

    [Fact]
    public void Five_hundred_random_graph_declarations_never_throw_and_the_accepted_ones_compile()
    {
        var random = new Random(4321);
        var (generated, rejected) = PipelineKit.Fuzz(Enumerable.Range(0, 500).Select(_ => RandomDeclaration(random)).ToList());
        // The mix must exercise both outcomes, or the test proves nothing.
        Assert.True(generated > 15, $"only {generated} declarations generated code");
        Assert.True(rejected > 50, $"only {rejected} declarations were rejected");
    }
}
