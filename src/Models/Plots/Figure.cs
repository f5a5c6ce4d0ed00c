using ScottPlot;

namespace Specialized.Models.Plots;

/// <summary>
/// What every figure shares: a plot with the title and axis labels set in a sans-serif font when the
/// machine has one, a colour per class, and writing the PNG (creating its folder first).
/// </summary>
internal static class Figure
{
    // ScottPlot picks the first serif font it finds when asked for its default; the figures read better in
    // DejaVu Sans (installed with most Linux distributions). Without it ScottPlot's own choice stands.
    private static readonly string? SansFont = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }
        .FirstOrDefault(SkiaSharp.SKFontManager.Default.GetFontFamilies().Contains);

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>A new plot titled <paramref name="title"/> with the two axis labels.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (SansFont is not null) plot.Font.Set(SansFont);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>The colour of class or cluster <paramref name="index"/> (Category10, repeating after ten).</summary>
    public static Color ClassColor(int index) => Palette.GetColor(index);

    /// <summary>Ticks only at whole numbers on the horizontal axis (epochs).</summary>
    public static void WholeNumbersOnX(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>Renders <paramref name="plot"/> to a <paramref name="width"/> × <paramref name="height"/> PNG at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 100 pixels, too small for the axes and labels.</exception>
    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        plot.SavePng(path, width, height);
        plot.Dispose();
    }
}
