namespace Specialized;

/// <summary>
/// Changes a training batch in place before the training step (the trainer never applies it to
/// validation or test data). Implementations are seeded through the <see cref="Random"/> they are
/// given and allocate nothing per batch.
/// </summary>
public interface IBatchAugmentation
{
    /// <summary>Augments <paramref name="rows"/> samples of <paramref name="sampleSize"/> floats each, in place.</summary>
    void Apply(Span<float> batch, int rows, int sampleSize, Random random);
}
