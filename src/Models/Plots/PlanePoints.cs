using Specialized.Models.Report;
using Specialized.Classical;

namespace Specialized.Models.Plots;

/// <summary>
/// Labelled points in a plane: the data the course's 2-D figures are drawn over. <see cref="Project"/> makes
/// them from any labelled set by standardizing its features and keeping the first two principal components.
/// </summary>
/// <param name="Coordinates">Row-major (x, y) pairs, <see cref="Count"/> × 2.</param>
/// <param name="Labels">One class label per point.</param>
/// <param name="XLabel">What the horizontal axis measures.</param>
/// <param name="YLabel">What the vertical axis measures.</param>
public sealed record PlanePoints(float[] Coordinates, int[] Labels, string XLabel, string YLabel)
{
    /// <summary>Number of points.</summary>
    public int Count => Labels.Length;

    /// <summary>The horizontal coordinate of point <paramref name="index"/>.</summary>
    public double X(int index) => Coordinates[2 * index];

    /// <summary>The vertical coordinate of point <paramref name="index"/>.</summary>
    public double Y(int index) => Coordinates[2 * index + 1];

    /// <summary>
    /// Standardizes <paramref name="data"/>'s features (z-scores) and projects them onto their first two
    /// principal components; the axis labels give the share of the variance each keeps.
    /// </summary>
    public static PlanePoints Project(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var normalizer = new ZScoreNormalizer();
        normalizer.Fit(data.Features, data.FeatureCount);
        var standardized = new float[data.Features.Length];
        normalizer.Transform(data.Features, standardized);
        var pca = new Pca(componentCount: 2);
        pca.Fit(standardized, data.FeatureCount);
        var projected = new float[data.Count * 2];
        pca.Transform(standardized, projected);
        return new PlanePoints(projected, data.Labels,
            $"PC1 ({Percent.Of(pca.ExplainedVarianceRatio[0], 0)} of the variance)", $"PC2 ({Percent.Of(pca.ExplainedVarianceRatio[1], 0)} of the variance)");
    }

    /// <summary>A new set holding the points at <paramref name="indices"/>.</summary>
    public PlanePoints Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var coordinates = new float[indices.Count * 2];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            coordinates[2 * i] = Coordinates[2 * indices[i]];
            coordinates[2 * i + 1] = Coordinates[2 * indices[i] + 1];
            labels[i] = Labels[indices[i]];
        }
        return this with { Coordinates = coordinates, Labels = labels };
    }
}
