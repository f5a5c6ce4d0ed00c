namespace Specialized;

/// <summary>A value of a <see cref="ModelDescription"/>: one sample's shape, the batch left out.</summary>
/// <param name="Shape"><c>[F]</c>, <c>[C, H, W]</c> or <c>[T, F]</c>.</param>
public sealed record ValueDescription(IReadOnlyList<int> Shape)
{
    /// <summary>Floats in one sample: the product of <see cref="Shape"/>.</summary>
    public int Size
    {
        get
        {
            int size = 1;
            foreach (int dimension in Shape) size *= dimension;
            return size;
        }
    }
}
