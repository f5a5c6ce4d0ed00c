namespace Specialized.Text;

/// <summary>
/// The corpus as vocabulary indices, rare words dropped, encoded once before the epochs so training
/// never touches a string. Sentence s holds <c>Words[Starts[s]..Starts[s+1])</c> and had
/// <c>RawLengths[s]</c> tokens before rare words were dropped.
/// </summary>
internal sealed class EncodedCorpus
{
    private EncodedCorpus(int[] words, int[] starts, int[] rawLengths)
    {
        Words = words;
        Starts = starts;
        RawLengths = rawLengths;
    }

    public int[] Words { get; }

    public int[] Starts { get; }

    public int[] RawLengths { get; }

    public int SentenceCount => RawLengths.Length;

    /// <summary>The longest encoded sentence (sizes the per-thread buffers).</summary>
    public int MaxSentenceLength { get; private init; }

    public static EncodedCorpus Encode(IReadOnlyList<IReadOnlyList<string>> sentences, Vocabulary vocabulary)
    {
        var words = new List<int>((int)Math.Min(vocabulary.TrainWordCount, int.MaxValue));
        var starts = new int[sentences.Count + 1];
        var raw = new int[sentences.Count];
        int longest = 0;
        for (int s = 0; s < sentences.Count; s++)
        {
            foreach (string token in sentences[s])
            {
                int index = vocabulary.IndexOf(token);
                if (index >= 0) words.Add(index);
            }
            raw[s] = sentences[s].Count;
            starts[s + 1] = words.Count;
            longest = Math.Max(longest, starts[s + 1] - starts[s]);
        }
        return new EncodedCorpus(words.ToArray(), starts, raw) { MaxSentenceLength = longest };
    }
}
