namespace Specialized.Text;

/// <summary>File formats for word vectors.</summary>
public enum WordVectorFormat
{
    /// <summary>
    /// word2vec.c's text format (gensim <c>save_word2vec_format(binary=False)</c>): a line
    /// "<c>count dimension</c>", then one line per word: the word and its values separated by spaces.
    /// </summary>
    Text = 0,

    /// <summary>
    /// word2vec.c's binary format (<c>binary=True</c>): the same header line, then per word the word, a
    /// space, <c>dimension</c> little-endian float32 values and a line feed.
    /// </summary>
    Binary,

    /// <summary>
    /// safetensors: one F32 tensor <c>vectors</c> [count, dimension] and the words in the header's
    /// metadata (<c>vocabulary</c>, a JSON array of strings in row order).
    /// </summary>
    SafeTensors,
}
