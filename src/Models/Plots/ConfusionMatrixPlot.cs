using System.Globalization;
using ScottPlot;

namespace Specialized.Models.Plots;

/// <summary>
/// A confusion matrix as a grid of shaded cells: rows are the true class (top to bottom), columns the
/// predicted class, each cell holds its count and is shaded by the fraction of its row (the recall), so
/// a good classifier is a dark diagonal on white.
/// </summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Writes <paramref name="matrix"/> as a PNG.</summary>
    /// <param name="matrix">The counts to draw.</param>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="title">The title above the grid.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void Save(ConfusionMatrix matrix, string path, string title, int width = 640, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.ClassCount;
        Plot plot = Figure.Create($"{title} (accuracy {100 * matrix.Accuracy:F2}%)", "predicted class", "true class");
        IColormap shades = new ScottPlot.Colormaps.Blues();
        for (int trueClass = 0; trueClass < n; trueClass++)
        {
            int support = matrix.Support(trueClass);
            double y = n - 1 - trueClass; // the first class on top, as the matrix is printed
            for (int predicted = 0; predicted < n; predicted++)
            {
                int count = matrix[trueClass, predicted];
                double fraction = support == 0 ? 0 : (double)count / support;
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = shades.GetColor(1 - 0.95 * fraction); // this map runs from dark (0) to white (1)
                cell.LineColor = Colors.White;
                if (count == 0) continue;
                var label = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), predicted, y);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = n > 12 ? 9 : 14;
                label.LabelFontColor = fraction > 0.5 ? Colors.White : Colors.Black;
            }
        }
        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        string[] names = Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.Select(p => n - 1 - p).ToArray(), names);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        Figure.Save(plot, path, width, height);
    }
}
