namespace Specialized.Text;

/// <summary>A progress report from <see cref="Word2Vec.Train"/>, sent at the end of every epoch.</summary>
/// <param name="Epoch">Epochs completed, 1-based.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="LearningRate">The learning rate (alpha) reached, after linear decay.</param>
/// <param name="RawWords">Corpus tokens processed so far, counting rare and subsampled words (gensim's "raw words").</param>
/// <param name="Elapsed">Training time so far.</param>
public readonly record struct Word2VecProgress(int Epoch, int Epochs, float LearningRate, long RawWords, TimeSpan Elapsed)
{
    /// <summary>Raw words per second so far.</summary>
    public double WordsPerSecond => RawWords / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <inheritdoc/>
    public override string ToString() => $"epoch {Epoch}/{Epochs}, alpha {LearningRate:G4}, {WordsPerSecond:N0} words/s";
}
