using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Specialized.Generators.Tests.Infrastructure;

/// <summary>
/// The checks every generator pipeline (models, SVMs, the ones to come) must pass, written once:
/// fuzzing never throws and never emits code that does not compile, edits elsewhere leave the output
/// cached, moving a declaration does not re-emit, changing it does, and the pipeline's values hold no
/// Roslyn objects.
/// </summary>
public static class PipelineKit
{
    /// <summary>Runs the generator on every source: no exception, no SPEC999, no source with an error, and accepted sources compile.</summary>
    public static (int Generated, int Rejected) Fuzz(IEnumerable<string> sources)
    {
        int generated = 0, rejected = 0;
        foreach (string source in sources)
        {
            var compilation = GeneratorHarness.Compile(source);
            var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"Generator threw on:\n{source}\n{result.Exception}");
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SPEC999");
            if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                Assert.Empty(result.GeneratedSources);
                rejected++;
            }
            else if (result.GeneratedSources.Length > 0)
            {
                // A declaration the generator accepts must yield code that compiles.
                var output = compilation.AddSyntaxTrees(result.GeneratedSources.Select(s => s.SyntaxTree));
                var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, $"Generated code for\n{source}\ndoes not compile: {string.Join("\n", errors.Take(5))}");
                generated++;
            }
        }
        return (generated, rejected);
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static bool IsReused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    /// <summary>An edit to an unrelated file leaves <paramref name="step"/> and every source output cached.</summary>
    public static void UnrelatedEditIsCached(string declaration, string step)
    {
        var compilation = GeneratorHarness.Compile(declaration, "public static class Helper { public static int Answer => 41; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("public static class Helper { public static int Answer => 42; }", GeneratorHarness.ParseOptions, path: "Model1.cs"));
        driver = driver.RunGenerators(edited);
        Assert.NotEmpty(Reasons(driver, step));
        Assert.All(Reasons(driver, step), r => Assert.True(IsReused(r), r.ToString()));
        Assert.All(driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(IsReused(o.Reason), o.Reason.ToString()));
    }

    /// <summary>Moving the declaration (every location changes) leaves <paramref name="step"/> reused.</summary>
    public static void MoveDoesNotReEmit(string declaration, string step)
    {
        var compilation = GeneratorHarness.Compile(declaration);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var moved = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText("\n\n// a comment moves every location\n" + declaration, GeneratorHarness.ParseOptions, path: "Model0.cs"));
        driver = driver.RunGenerators(moved);
        Assert.All(Reasons(driver, step), r => Assert.True(IsReused(r), r.ToString()));
    }

    /// <summary>Changing the declaration itself makes <paramref name="step"/> produce a new value.</summary>
    public static void ChangeReEmits(string declaration, string changed, string step)
    {
        Assert.NotEqual(declaration, changed);
        var compilation = GeneratorHarness.Compile(declaration);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(changed, GeneratorHarness.ParseOptions, path: "Model0.cs")));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, step));
    }

    /// <summary>The values of <paramref name="steps"/> hold no symbols, syntax nodes, compilations or locations (they would keep a compilation alive).</summary>
    public static void HoldsNoRoslynObjects(string declaration, params string[] steps)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(declaration));
        var tracked = driver.GetRunResult().Results.Single().TrackedSteps;
        foreach (string name in steps)
        {
            Assert.True(tracked.ContainsKey(name), name);
            foreach (var output in tracked[name].SelectMany(s => s.Outputs)) AssertPlain(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void AssertPlain(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location,
            $"{path} holds a {value.GetType().Name}, which would keep the compilation alive.");
        if (value is DiagnosticDescriptor) return; // immutable, shared, holds no tree
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
