using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Specialized.Generators.Tests.Infrastructure;

namespace Specialized.Generators.Tests;

/// <summary>Edits that do not touch a [KernelSvm] declaration leave its output cached; its spec holds no Roslyn objects.</summary>
public class SvmIncrementalTests
{
    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static bool IsReused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    [Fact]
    public void An_unrelated_edit_leaves_the_svm_output_cached()
    {
        var compilation = GeneratorHarness.Compile(SvmGeneratedCodeTests.DigitsSvm, "public static class Helper { public static int Answer => 41; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("public static class Helper { public static int Answer => 42; }", GeneratorHarness.ParseOptions, path: "Model1.cs"));
        driver = driver.RunGenerators(edited);

        Assert.NotEmpty(Reasons(driver, ModelGenerator.TrackingNames.SvmSpecs));
        Assert.All(Reasons(driver, ModelGenerator.TrackingNames.SvmSpecs), r => Assert.True(IsReused(r), r.ToString()));
        Assert.All(driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(IsReused(o.Reason), o.Reason.ToString()));
    }

    [Fact]
    public void Moving_the_declaration_does_not_re_emit_source()
    {
        var compilation = GeneratorHarness.Compile(SvmGeneratedCodeTests.DigitsSvm);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var moved = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("\n\n// a comment moves every location\n" + SvmGeneratedCodeTests.DigitsSvm, GeneratorHarness.ParseOptions, path: "Model0.cs"));
        driver = driver.RunGenerators(moved);
        Assert.All(Reasons(driver, ModelGenerator.TrackingNames.SvmSpecs), r => Assert.True(IsReused(r), r.ToString()));
    }

    [Fact]
    public void Changing_gamma_re_emits_the_kernel()
    {
        var compilation = GeneratorHarness.Compile(SvmGeneratedCodeTests.DigitsSvm);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var changed = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(SvmGeneratedCodeTests.DigitsSvm.Replace("Gamma = 0.001", "Gamma = 0.002"), GeneratorHarness.ParseOptions, path: "Model0.cs"));
        driver = driver.RunGenerators(changed);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, ModelGenerator.TrackingNames.SvmSpecs));
    }

    [Fact]
    public void Svm_pipeline_values_hold_no_symbols_syntax_nodes_or_compilations()
    {
        var compilation = GeneratorHarness.Compile(SvmGeneratedCodeTests.DigitsSvm);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (string name in new[] { ModelGenerator.TrackingNames.SvmParsed, ModelGenerator.TrackingNames.SvmSpecs })
        {
            Assert.True(steps.ContainsKey(name), name);
            foreach (var output in steps[name].SelectMany(s => s.Outputs)) AssertPlain(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void AssertPlain(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location, $"{path} holds a {value.GetType().Name}.");
        if (value is DiagnosticDescriptor) return;
        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence) AssertPlain(item, $"{path}[{i++}]", seen);
            return;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            AssertPlain(property.GetValue(value), $"{path}.{property.Name}", seen);
    }
}
