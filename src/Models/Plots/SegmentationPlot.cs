using System.Globalization;
using ScottPlot;

namespace Specialized.Models.Plots;

/// <summary>
/// Semantic segmentation as the FCN papers show it: for each of a few images, the input in grey, the true
/// class map and the predicted one side by side, classes in the same colours (background light grey), with
/// each image's pixel accuracy beside its prediction.
/// </summary>
public static class SegmentationPlot
{
    private const double Gap = 2; // pixels of space between panels and rows

    /// <summary>Writes the first <paramref name="samples"/> images as a PNG of rows input | truth | prediction.</summary>
    /// <param name="images">Images of <paramref name="side"/> × <paramref name="side"/> values in [0, 1], row-major, one after another.</param>
    /// <param name="truth">Their true class maps (side × side labels each).</param>
    /// <param name="predicted">Their predicted class maps.</param>
    /// <param name="side">Pixels along each edge of an image.</param>
    /// <param name="classNames">Name of each class; class 0 is the background.</param>
    /// <param name="samples">How many images to draw, from the first.</param>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="title">The title above the figure.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">The arrays hold fewer than <paramref name="samples"/> images or maps.</exception>
    public static void Save(float[] images, int[] truth, int[] predicted, int side, IReadOnlyList<string> classNames, int samples, string path, string title,
        int width = 720, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        int pixels = side * side;
        if (images.Length < samples * pixels) throw new ArgumentException($"images holds {images.Length} values; {samples} images of {side}×{side} need {samples * pixels}.", nameof(images));
        if (truth.Length < samples * pixels) throw new ArgumentException($"truth holds {truth.Length} labels; {samples} maps of {side}×{side} need {samples * pixels}.", nameof(truth));
        if (predicted.Length < samples * pixels) throw new ArgumentException($"predicted holds {predicted.Length} labels; {samples} maps of {side}×{side} need {samples * pixels}.", nameof(predicted));

        Plot plot = Figure.Create(title, "", "");
        string[] headers = ["input", "truth", "prediction"];
        for (int panel = 0; panel < headers.Length; panel++)
        {
            var header = plot.Add.Text(headers[panel], panel * (side + Gap) + side / 2.0, side + 1.2);
            header.Alignment = Alignment.LowerCenter;
            header.LabelFontSize = 16;
        }
        for (int sample = 0; sample < samples; sample++)
        {
            double top = side - sample * (side + Gap); // the first image on top
            int offset = sample * pixels, right = 0;
            for (int y = 0; y < side; y++)
            {
                for (int x = 0; x < side; x++)
                {
                    int i = offset + y * side + x;
                    byte grey = (byte)Math.Round(255 * (1 - Math.Clamp(images[i], 0f, 1f)));
                    Cell(plot, x, top - y, new Color(grey, grey, grey));
                    Cell(plot, side + Gap + x, top - y, ClassColor(truth[i]));
                    Cell(plot, 2 * (side + Gap) + x, top - y, ClassColor(predicted[i]));
                    if (truth[i] == predicted[i]) right++;
                }
            }
            var accuracy = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{100.0 * right / pixels:F1}%"), 3 * (side + Gap) - Gap + 0.5, top - side / 2.0);
            accuracy.Alignment = Alignment.MiddleLeft;
            accuracy.LabelFontSize = 14;
        }
        // A swatch and name per class under the rows, in place of a legend box over the images.
        double legendY = side - samples * (side + Gap) - 0.5;
        for (int c = 0; c < classNames.Count; c++)
        {
            double x = c * (side + Gap);
            var swatch = plot.Add.Rectangle(x, x + 1.5, legendY - 1.5, legendY);
            swatch.FillColor = ClassColor(c);
            swatch.LineColor = Colors.Black;
            var name = plot.Add.Text(classNames[c], x + 2, legendY - 0.75);
            name.Alignment = Alignment.MiddleLeft;
            name.LabelFontSize = 14;
        }
        plot.Axes.SetLimits(-1, 3 * (side + Gap) + 4, legendY - 3, side + 4);
        plot.Axes.Frameless();
        plot.Title(title); // Frameless hides the title panel with the axes
        plot.HideGrid();
        Figure.Save(plot, path, width, height);
    }

    // Class 0 is the background: light grey, so the shapes stand out in the palette's colours.
    private static Color ClassColor(int label) => label == 0 ? new Color(225, 225, 225) : Figure.ClassColor(label - 1);

    private static void Cell(Plot plot, double left, double top, Color color)
    {
        var cell = plot.Add.Rectangle(left, left + 1, top - 1, top);
        cell.FillColor = color;
        cell.LineWidth = 0;
    }
}
