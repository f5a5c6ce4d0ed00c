namespace Specialized.Models.Tests;

/// <summary>The bundled digits, pixels scaled to [0, 1], split as everywhere (row % 5 == 4 is test).</summary>
public static class DigitsData
{
    private static readonly Lazy<(Dataset Train, Dataset Test)> s_split = new(() =>
        Dataset.LoadClassification(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv")).Scale(1f / 16).SplitByRowIndex(5, 4));

    public static Dataset Train => s_split.Value.Train;

    public static Dataset Test => s_split.Value.Test;
}
