namespace Specialized.Benchmarks.Classical;

/// <summary>Digits split as everywhere (row % 5 == 4 is test), found next to the benchmark or up the folder tree.</summary>
internal static class GenerativeBenchmarkData
{
    public static (Dataset Train, Dataset Test) Digits()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string path = Path.Combine(folder.FullName, "data", "digits.csv");
            if (File.Exists(path)) return Dataset.LoadClassification(path).SplitByRowIndex(5, 4);
        }
        throw new FileNotFoundException("data/digits.csv not found above " + AppContext.BaseDirectory);
    }

    public static double[][] Rows(Dataset set) =>
        Enumerable.Range(0, set.Count).Select(i => set.Row(i).ToArray().Select(v => (double)v).ToArray()).ToArray();
}
