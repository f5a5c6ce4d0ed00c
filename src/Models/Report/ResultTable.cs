namespace Specialized.Models.Report;

/// <summary>Prints rows as an aligned plain-text table.</summary>
public static class ResultTable
{
    /// <summary>Writes a titled table of <paramref name="rows"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, string title, IReadOnlyList<ResultRow> rows)
    {
        string[] header = ["Algorithm", "Data", "Quality", "Time", "Reference"];
        var cells = rows.Select(r => new[] { r.Algorithm, r.Data, r.Quality, r.Time, r.Reference }).ToList();
        int[] widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(row => row[c].Length))).ToArray();
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells) output.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd();
}
