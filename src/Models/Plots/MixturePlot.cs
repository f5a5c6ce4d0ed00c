using ScottPlot;
using Specialized.Classical;

namespace Specialized.Models.Plots;

/// <summary>
/// The course's mixture figure: a Gaussian mixture fitted in the plane, each component drawn as its mean
/// and its 1σ and 2σ ellipses (the eigenvectors of its covariance, scaled by the square roots of the
/// eigenvalues), over the points coloured by the component most responsible for them.
/// </summary>
public static class MixturePlot
{
    /// <summary>Writes the figure of <paramref name="mixture"/>, a full-covariance mixture fitted on <paramref name="points"/>, as a PNG.</summary>
    /// <param name="mixture">A mixture with full covariances fitted on two features.</param>
    /// <param name="points">The points to draw under the ellipses.</param>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="title">The title above the figure.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">The mixture is not a full-covariance mixture on two features.</exception>
    public static void Save(GaussianMixture mixture, PlanePoints points, string path, string title, int width = 800, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(points);
        if (mixture.FeatureCount != 2 || mixture.CovarianceKind != CovarianceKind.Full)
            throw new ArgumentException($"The figure needs a full-covariance mixture on 2 features; this one is {mixture.CovarianceKind} on {mixture.FeatureCount}.", nameof(mixture));
        int k = mixture.ComponentCount;
        var components = new int[points.Count];
        mixture.Predict(points.Coordinates, components);

        Plot plot = Figure.Create(title, points.XLabel, points.YLabel);
        for (int component = 0; component < k; component++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < points.Count; i++)
            {
                if (components[i] != component) continue;
                xs.Add(points.X(i));
                ys.Add(points.Y(i));
            }
            Color color = Figure.ClassColor(component);
            plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 5, color.WithOpacity(0.6));

            double meanX = mixture.Means[2 * component], meanY = mixture.Means[2 * component + 1];
            int c = 4 * component;
            var (major, minor, angle) = Axes(mixture.Covariances[c], mixture.Covariances[c + 1], mixture.Covariances[c + 3]);
            foreach (double sigmas in new[] { 1.0, 2.0 })
            {
                var ellipse = Ellipse(plot, meanX, meanY, sigmas * major, sigmas * minor, angle, color);
                ellipse.LinePattern = sigmas == 1 ? LinePattern.Solid : LinePattern.Dashed;
                if (sigmas == 1) ellipse.LegendText = $"component {component + 1}, weight {mixture.Weights[component]:F2}";
            }
            plot.Add.Marker(meanX, meanY, MarkerShape.Cross, 14, Colors.Black);
        }
        plot.ShowLegend(Alignment.UpperRight);
        Figure.Save(plot, path, width, height);
    }

    /// <summary>
    /// The half-axes and the angle of the major axis of the 1σ ellipse of a 2×2 covariance [[a, b], [b, c]]:
    /// the square roots of its eigenvalues (a + c)/2 ± √(((a − c)/2)² + b²), and the direction of the larger one's eigenvector.
    /// </summary>
    internal static (double Major, double Minor, double Angle) Axes(double a, double b, double c)
    {
        double mid = (a + c) / 2, spread = Math.Sqrt((a - c) * (a - c) / 4 + b * b);
        double large = mid + spread, small = Math.Max(mid - spread, 0);
        double angle = b == 0 ? (a >= c ? 0 : Math.PI / 2) : Math.Atan2(large - a, b);
        return (Math.Sqrt(large), Math.Sqrt(small), angle);
    }

    // Drawn as a polygon in data coordinates, so the tilt is right whatever the axes' scales.
    private static ScottPlot.Plottables.Scatter Ellipse(Plot plot, double x, double y, double major, double minor, double angle, Color color)
    {
        const int Points = 96;
        var xs = new double[Points + 1];
        var ys = new double[Points + 1];
        for (int i = 0; i <= Points; i++)
        {
            double t = 2 * Math.PI * i / Points;
            double u = major * Math.Cos(t), v = minor * Math.Sin(t);
            xs[i] = x + u * Math.Cos(angle) - v * Math.Sin(angle);
            ys[i] = y + u * Math.Sin(angle) + v * Math.Cos(angle);
        }
        var line = plot.Add.Scatter(xs, ys, color);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        return line;
    }
}
