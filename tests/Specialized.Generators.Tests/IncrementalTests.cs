using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Specialized.Generators.Parsing;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Edits that do not touch a model leave its output cached; the spec holds no Roslyn objects.</summary>
public class IncrementalTests
{
    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void An_unrelated_edit_leaves_the_model_output_cached()
    {
        var compilation = GeneratorHarness.Compile(GeneratedCodeTests.DigitsMlp, "public static class Helper { public static int Answer => 41; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("public static class Helper { public static int Answer => 42; }", GeneratorHarness.ParseOptions, path: "Model1.cs"));
        driver = driver.RunGenerators(edited);

        Assert.All(Reasons(driver, ModelGenerator.TrackingNames.Plans), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Moving_the_model_in_its_file_does_not_re_emit_source()
    {
        var compilation = GeneratorHarness.Compile(GeneratedCodeTests.DigitsMlp);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var moved = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("\n\n// a comment moves every location\n" + GeneratedCodeTests.DigitsMlp, GeneratorHarness.ParseOptions, path: "Model0.cs"));
        driver = driver.RunGenerators(moved);
        Assert.All(Reasons(driver, ModelGenerator.TrackingNames.Plans), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void Changing_a_layer_re_emits_the_model()
    {
        var compilation = GeneratorHarness.Compile(GeneratedCodeTests.DigitsMlp);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var changed = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(GeneratedCodeTests.DigitsMlp.Replace("[Dense(64, Activation.Relu)]", "[Dense(32, Activation.Relu)]"), GeneratorHarness.ParseOptions, path: "Model0.cs"));
        driver = driver.RunGenerators(changed);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, ModelGenerator.TrackingNames.Plans));
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_nodes_or_compilations()
    {
        var compilation = GeneratorHarness.Compile(GeneratedCodeTests.DigitsMlp);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (string name in new[] { ModelGenerator.TrackingNames.Parsed, ModelGenerator.TrackingNames.Specs, ModelGenerator.TrackingNames.Plans })
        {
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
                AssertNoRoslynObjects(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location,
            $"{path} holds a {value.GetType().Name}, which would keep the compilation alive.");
        if (value is DiagnosticDescriptor) return; // immutable, shared, holds no tree
        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence) AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            return;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            AssertNoRoslynObjects(property.GetValue(value), $"{path}.{property.Name}", seen);
    }
}
