namespace Specialized.Models.Plots;

/// <summary>
/// A regular grid over the points' bounding box (with a margin) on which a model is evaluated to colour
/// its regions: <see cref="Columns"/> × <see cref="Rows"/> cell centres, stored row by row from the top,
/// the order a heatmap draws them in.
/// </summary>
internal sealed class PlaneGrid
{
    public PlaneGrid(PlanePoints points, int columns = 240, int rows = 180)
    {
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        for (int i = 0; i < points.Count; i++)
        {
            xMin = Math.Min(xMin, points.X(i)); xMax = Math.Max(xMax, points.X(i));
            yMin = Math.Min(yMin, points.Y(i)); yMax = Math.Max(yMax, points.Y(i));
        }
        double xMargin = 0.08 * Math.Max(xMax - xMin, 1e-6), yMargin = 0.08 * Math.Max(yMax - yMin, 1e-6);
        Left = xMin - xMargin; Right = xMax + xMargin; Bottom = yMin - yMargin; Top = yMax + yMargin;
        Columns = columns;
        Rows = rows;
        Centres = new float[rows * columns * 2];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                Centres[2 * (r * columns + c)] = (float)X(c);
                Centres[2 * (r * columns + c) + 1] = (float)Y(r);
            }
        }
    }

    public double Left { get; }
    public double Right { get; }
    public double Bottom { get; }
    public double Top { get; }
    public int Columns { get; }
    public int Rows { get; }

    /// <summary>Row-major (x, y) cell centres, top row first.</summary>
    public float[] Centres { get; }

    public ScottPlot.CoordinateRect Extent => new(Left, Right, Bottom, Top);

    public double X(int column) => Left + (column + 0.5) * (Right - Left) / Columns;

    public double Y(int row) => Top - (row + 0.5) * (Top - Bottom) / Rows;

    /// <summary>Per-cell values (top row first) as the [row, column] array a heatmap takes.</summary>
    public double[,] ToCells(ReadOnlySpan<double> values)
    {
        var cells = new double[Rows, Columns];
        for (int r = 0; r < Rows; r++) for (int c = 0; c < Columns; c++) cells[r, c] = values[r * Columns + c];
        return cells;
    }

    /// <summary>Per-cell values with their coordinates, as contour lines take them.</summary>
    public ScottPlot.Coordinates3d[,] ToSurface(ReadOnlySpan<double> values)
    {
        var surface = new ScottPlot.Coordinates3d[Rows, Columns];
        for (int r = 0; r < Rows; r++) for (int c = 0; c < Columns; c++) surface[r, c] = new(X(c), Y(r), values[r * Columns + c]);
        return surface;
    }
}
