namespace Specialized.Text;

/// <summary>A word and its cosine similarity to a query.</summary>
/// <param name="Word">The word.</param>
/// <param name="Similarity">Cosine similarity in [−1, 1].</param>
public readonly record struct WordSimilarity(string Word, float Similarity)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Word} {Similarity:F3}";
}
