namespace Specialized.Distributed.Mpi.Host;

/// <summary>The bundled digits, scaled to [0, 1] and split as everywhere in the repository (row index % 5 == 4 is validation).</summary>
public static class HostData
{
    /// <summary>Loads the digits from data/ next to this assembly.</summary>
    public static (Dataset Train, Dataset Validation) Digits()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");
        return Dataset.LoadClassification(path).Scale(1f / 16).SplitByRowIndex(5, 4);
    }
}
