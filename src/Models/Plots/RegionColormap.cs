using ScottPlot;

namespace Specialized.Models.Plots;

/// <summary>
/// Colours a heatmap of region indices 0…k−1 with each region's class colour, lightened so the points
/// drawn over it stay readable. The heatmap's range must be set to exactly [0, k − 1].
/// </summary>
internal sealed class RegionColormap(int regionCount) : IColormap
{
    public string Name => "Regions";

    public Color GetColor(double normalizedIntensity)
    {
        int region = regionCount <= 1 ? 0 : (int)Math.Round(Math.Clamp(normalizedIntensity, 0, 1) * (regionCount - 1));
        return Figure.ClassColor(region).Lighten(0.75);
    }
}
