namespace Specialized.Benchmarks.Classical;

/// <summary>The bundled data sets with the fixed split (row % 5 == 4 is test), for the classical benchmarks.</summary>
internal static class ClassicalData
{
    public static (Dataset Train, Dataset Test) Load(string name = "digits") =>
        Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", name + ".csv")).SplitByRowIndex(5, 4);
}
