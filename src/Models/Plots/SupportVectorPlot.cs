using ScottPlot;
using Specialized.Classical;

namespace Specialized.Models.Plots;

/// <summary>
/// The course's SVM figure: a two-class kernel machine's decision regions in the plane, its decision
/// boundary (f = 0, solid), its margins (f = ±1, dashed), the training points and, circled, the support
/// vectors that alone define it.
/// </summary>
public static class SupportVectorPlot
{
    /// <summary>Writes the figure of <paramref name="svm"/>, fitted on <paramref name="training"/>, as a PNG.</summary>
    /// <param name="svm">A two-class machine fitted on <paramref name="training"/>'s coordinates and labels.</param>
    /// <param name="training">The points it was fitted on (its support indices point into them).</param>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="title">The title above the figure.</param>
    /// <param name="classNames">A name per class for the legend.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">The machine is not a two-class machine on two features.</exception>
    public static void Save(SupportVectorClassifier svm, PlanePoints training, string path, string title, IReadOnlyList<string> classNames,
        int width = 800, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(svm);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(classNames);
        if (svm.FeatureCount != 2 || svm.ClassCount != 2)
            throw new ArgumentException($"The figure needs a two-class machine on 2 features; this one has {svm.ClassCount} classes and {svm.FeatureCount} features.", nameof(svm));
        KernelSvm<RuntimeKernel> machine = svm.Machine;

        var grid = new PlaneGrid(training);
        var decision = new double[grid.Rows * grid.Columns];
        for (int i = 0; i < decision.Length; i++) decision[i] = machine.DecisionValue(grid.Centres.AsSpan(2 * i, 2));
        // Positive decision values vote for the first (smaller) class, as in LIBSVM.
        var region = decision.Select(f => f > 0 ? (double)machine.Classes[0] : machine.Classes[1]).ToArray();

        Plot plot = Figure.Create(title, training.XLabel, training.YLabel);
        var regions = plot.Add.Heatmap(grid.ToCells(region));
        regions.Extent = grid.Extent;
        regions.Colormap = new RegionColormap(2);
        regions.ManualRange = new ScottPlot.Range(0, 1);

        Coordinates3d[,] surface = grid.ToSurface(decision);
        AddContour(plot, surface, [0], Colors.Black, 2, LinePattern.Solid);
        AddContour(plot, surface, [-1, 1], Colors.Black.WithOpacity(0.7), 1.5f, LinePattern.Dashed);

        for (int label = 0; label < 2; label++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < training.Count; i++)
            {
                if (training.Labels[i] != label) continue;
                xs.Add(training.X(i));
                ys.Add(training.Y(i));
            }
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 5, Figure.ClassColor(label));
            markers.LegendText = classNames[label];
        }
        ReadOnlySpan<int> support = machine.SupportIndices;
        var supportX = new double[support.Length];
        var supportY = new double[support.Length];
        for (int s = 0; s < support.Length; s++)
        {
            supportX[s] = training.X(support[s]);
            supportY[s] = training.Y(support[s]);
        }
        var circled = plot.Add.Markers(supportX, supportY, MarkerShape.OpenCircle, 11, Colors.Black);
        circled.LegendText = $"support vectors ({support.Length})";
        plot.Axes.SetLimits(grid.Left, grid.Right, grid.Bottom, grid.Top);
        plot.ShowLegend(Alignment.UpperRight);
        Figure.Save(plot, path, width, height);
    }

    private static void AddContour(Plot plot, Coordinates3d[,] surface, double[] levels, Color color, float width, LinePattern pattern)
    {
        var contour = new ScottPlot.Plottables.ContourLines { ContourLineLevels = levels };
        contour.Update(surface);
        contour.LineColor = color;
        contour.LineWidth = width;
        contour.LinePattern = pattern;
        contour.LabelStyle.IsVisible = false;
        plot.PlottableList.Add(contour);
    }
}
