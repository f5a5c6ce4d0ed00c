namespace Specialized.Text;

/// <summary>
/// Splits plain English text into lower-case word tokens and cuts the token stream into sentences,
/// by the same rule as the gensim reference in the docs (<c>docs/embeddings.md</c>).
/// </summary>
/// <remarks>
/// <para>
/// The rule: lower-case the text, then take every match of <c>[a-z]+(?:'[a-z]+)*</c>, i.e. runs of ASCII
/// letters, with inner apostrophes kept (<c>don't</c>, <c>bingley's</c>) and leading or trailing
/// apostrophes dropped. Digits, punctuation, accented letters and curly quotes separate tokens.
/// The whole text is one stream: line breaks and sentence punctuation do not end a sentence; the
/// stream is cut into sentences of <c>sentenceLength</c> tokens (1,000 by default, as gensim's
/// <c>LineSentence</c> and word2vec's <c>MAX_SENTENCE_LENGTH</c>), the last one shorter.
/// </para>
/// <para>
/// To bring your own tokens (another language, a subword tokenizer, real sentence boundaries), skip
/// this class and pass any <c>IReadOnlyList&lt;IReadOnlyList&lt;string&gt;&gt;</c> (for example a
/// <c>List&lt;string[]&gt;</c>) to <see cref="Word2Vec.Train"/>.
/// </para>
/// </remarks>
public static class WordTokenizer
{
    /// <summary>The default sentence length in tokens.</summary>
    public const int DefaultSentenceLength = 1000;

    /// <summary>Every token of <paramref name="text"/> in order (see the class remarks for the rule).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>(text.Length / 6);
        var buffer = new char[64];
        int i = 0;
        while (i < text.Length)
        {
            if (!IsLetter(text[i]))
            {
                i++;
                continue;
            }
            // A match: letters, then any number of ("'" letters+) groups; an apostrophe not followed by a
            // letter ends the token and is not part of it.
            int length = 0;
            while (true)
            {
                while (i < text.Length && IsLetter(text[i]))
                {
                    if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    buffer[length++] = Lower(text[i++]);
                }
                if (i + 1 < text.Length && text[i] == '\'' && IsLetter(text[i + 1]))
                {
                    if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    buffer[length++] = '\'';
                    i++;
                    continue;
                }
                break;
            }
            tokens.Add(new string(buffer, 0, length));
        }
        return tokens;
    }

    /// <summary>Tokenizes <paramref name="text"/> and cuts the stream into sentences of <paramref name="sentenceLength"/> tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentenceLength"/> is less than 1.</exception>
    public static List<string[]> Sentences(string text, int sentenceLength = DefaultSentenceLength) =>
        Split(Tokenize(text), sentenceLength);

    /// <summary>Cuts a token stream into consecutive sentences of <paramref name="sentenceLength"/> tokens, the last one shorter.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentenceLength"/> is less than 1.</exception>
    public static List<string[]> Split(IReadOnlyList<string> tokens, int sentenceLength = DefaultSentenceLength)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Require.InRange(sentenceLength, 1, int.MaxValue);
        var sentences = new List<string[]>(tokens.Count / sentenceLength + 1);
        for (int start = 0; start < tokens.Count; start += sentenceLength)
        {
            var sentence = new string[Math.Min(sentenceLength, tokens.Count - start)];
            for (int k = 0; k < sentence.Length; k++) sentence[k] = tokens[start + k];
            sentences.Add(sentence);
        }
        return sentences;
    }

    // Lower-casing first and then matching [a-z] accepts exactly the ASCII letters of either case
    // (invariant lower-casing maps no other character into a-z except the Kelvin sign, treated as 'k').
    private static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '\u212A';

    private static char Lower(char c) => c == '\u212A' ? 'k' : (char)(c | 0x20);
}
