using System.Reflection;

namespace Specialized.Generators.Tests.Infrastructure;

/// <summary>
/// Compares emitted source with a committed baseline file. Run the tests with
/// <c>-p:UpdateBaselines=true</c> to rewrite the baselines after an intended change, then review the diff.
/// </summary>
public static class Baseline
{
    private static string Metadata(string key) =>
        typeof(Baseline).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? "";

    public static void AssertMatches(string name, string actual)
    {
        string path = Path.Combine(Metadata("BaselineDirectory"), name);
        actual = actual.Replace("\r\n", "\n");
        if (string.Equals(Metadata("UpdateBaselines"), "true", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"Baseline {path} is missing; run the tests with -p:UpdateBaselines=true to create it.");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;

        string[] e = expected.Split('\n'), a = actual.Split('\n');
        int line = 0;
        while (line < Math.Min(e.Length, a.Length) && e[line] == a[line]) line++;
        Assert.Fail($"Generated source differs from baseline {name} at line {line + 1}:\n" +
                    $"  expected: {(line < e.Length ? e[line] : "<end of file>")}\n" +
                    $"  actual:   {(line < a.Length ? a[line] : "<end of file>")}\n" +
                    "If the change is intended, run the tests with -p:UpdateBaselines=true and review the diff.");
    }
}
