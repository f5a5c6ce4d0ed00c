using System.Reflection;

namespace Specialized.Generators.Tests;

/// <summary>The README's excerpt of generated code is real: every line of it appears, in order, in the DigitsMlp baseline.</summary>
public class ReadmeTests
{
    [Fact]
    public void Readme_excerpt_of_generated_code_is_emitted_verbatim()
    {
        string baselines = typeof(ReadmeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BaselineDirectory").Value!;
        string readme = File.ReadAllText(Path.Combine(baselines, "..", "..", "..", "README.md"));
        int start = readme.IndexOf("```csharp\n    public static void Infer<TReg>", StringComparison.Ordinal);
        Assert.True(start >= 0, "README lost its generated-code excerpt");
        start += "```csharp\n".Length;
        string excerpt = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        string generated = File.ReadAllText(Path.Combine(baselines, "Demo.DigitsMlp.Graph.g.cs")).Replace("\r\n", "\n");
        Assert.Contains(excerpt.TrimEnd('\n'), generated);
    }
}
