using ScottPlot;
using Specialized.Classical;

namespace Specialized.Models.Plots;

/// <summary>
/// The course's k-means figure: the regions of the plane nearest to each centre (a Voronoi diagram), the
/// points coloured by their cluster and the centres marked.
/// </summary>
public static class KMeansPlot
{
    /// <summary>Writes the figure of <paramref name="kmeans"/>, fitted on <paramref name="points"/>, as a PNG.</summary>
    /// <param name="kmeans">A k-means model fitted on two features.</param>
    /// <param name="points">The points to draw over the regions.</param>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="title">The title above the figure.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">The model was not fitted on two features.</exception>
    public static void Save(KMeans kmeans, PlanePoints points, string path, string title, int width = 800, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(kmeans);
        ArgumentNullException.ThrowIfNull(points);
        if (kmeans.FeatureCount != 2)
            throw new ArgumentException($"The figure needs k-means fitted on 2 features; this one has {kmeans.FeatureCount}.", nameof(kmeans));
        int k = kmeans.ClusterCount;
        var grid = new PlaneGrid(points);
        var cellClusters = new int[grid.Rows * grid.Columns];
        kmeans.Predict(grid.Centres, cellClusters);
        var clusters = new int[points.Count];
        kmeans.Predict(points.Coordinates, clusters);

        Plot plot = Figure.Create(title, points.XLabel, points.YLabel);
        var regions = plot.Add.Heatmap(grid.ToCells(cellClusters.Select(c => (double)c).ToArray()));
        regions.Extent = grid.Extent;
        regions.Colormap = new RegionColormap(k);
        regions.ManualRange = new ScottPlot.Range(0, k - 1);
        for (int cluster = 0; cluster < k; cluster++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < points.Count; i++)
            {
                if (clusters[i] != cluster) continue;
                xs.Add(points.X(i));
                ys.Add(points.Y(i));
            }
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 5, Figure.ClassColor(cluster));
            markers.LegendText = $"cluster {cluster + 1} ({xs.Count} points)";
            plot.Add.Marker(kmeans.Centers[2 * cluster], kmeans.Centers[2 * cluster + 1], MarkerShape.FilledDiamond, 16, Colors.Black);
        }
        plot.Axes.SetLimits(grid.Left, grid.Right, grid.Bottom, grid.Top);
        plot.ShowLegend(Alignment.UpperRight);
        Figure.Save(plot, path, width, height);
    }
}
