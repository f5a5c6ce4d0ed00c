using Microsoft.CodeAnalysis;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>The emitted source of a model with branches, a transposed convolution, upsampling and a skip concatenation is pinned by baselines and reads well.</summary>
public class BranchGeneratedCodeTests
{
    public const string TinyUNet = """
        using Specialized;

        namespace Demo;

        [Model(Channels = 1, Height = 8, Width = 8, Loss = Loss.SoftmaxCrossEntropy)]
        [Conv2D(4, 3, Activation.Relu, Padding = 1)]
        [MaxPool(2)]
        [Branches(1, 0, 2)]
        [Conv2D(4, 1, Activation.Relu)]
        [Conv2D(2, 1, Activation.Relu)]
        [Conv2D(4, 3, Activation.Relu, Padding = 1)]
        [ConvTranspose2D(4, 2, Activation.Relu, Stride = 2)]
        [ConcatFrom(0)]
        [Upsample(2)]
        [MaxPool(2)]
        [Conv2D(3, 1)]
        public partial class TinyUNet;
        """;

    [Fact]
    public void Emitted_source_matches_its_baselines_and_compiles_cleanly()
    {
        var (result, output) = GeneratorHarness.Run(TinyUNet);
        Assert.Empty(result.Diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        foreach (var source in result.GeneratedSources) Baseline.AssertMatches(source.HintName, source.SourceText.ToString());
    }

    [Fact]
    public void Layer_table_shows_branches_and_concatenations_readably()
    {
        var (result, _) = GeneratorHarness.Run(TinyUNet);
        string api = result.GeneratedSources.Single(s => s.HintName == "Demo.TinyUNet.g.cs").SourceText.ToString();
        Assert.Contains("<term>2.branches.0.0: Conv2D 4@1×1, Relu</term>", api);
        Assert.Contains("<term>2: Concat of branches: 4 + 4 + 4 channels</term><description>[4, 4, 4] → [12, 4, 4]", api);
        Assert.Contains("<term>3: ConvTranspose2D 4@2×2 stride 2, Relu</term><description>[12, 4, 4] → [4, 8, 8]", api);
        Assert.Contains("<term>4: Concat of the current value and layer 0: 4 + 4 channels</term><description>[4, 8, 8] → [8, 8, 8]", api);
        Assert.Contains("<term>5: Upsample ×2, nearest</term>", api);
        Assert.Contains("IModel.LabelsPerSample => 64;", api);
    }
}
