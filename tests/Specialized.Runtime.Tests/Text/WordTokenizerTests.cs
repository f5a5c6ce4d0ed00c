using Specialized.Text;

namespace Specialized.Tests.Text;

public sealed class WordTokenizerTests
{
    [Fact]
    public void Lower_cases_keeps_inner_apostrophes_and_splits_on_everything_else()
    {
        List<string> tokens = WordTokenizer.Tokenize("Mr. Darcy's 'proud' DON'T--can't; x2y rock'n'roll 'tis' ’curly’ café");
        Assert.Equal(["mr", "darcy's", "proud", "don't", "can't", "x", "y", "rock'n'roll", "tis", "curly", "caf"], tokens);
    }

    [Fact]
    public void Empty_and_letterless_text_gives_no_tokens()
    {
        Assert.Empty(WordTokenizer.Tokenize(""));
        Assert.Empty(WordTokenizer.Tokenize("123 -- ' '' ..."));
    }

    [Fact]
    public void Sentences_cut_the_stream_into_fixed_lengths_with_a_shorter_last_one()
    {
        List<string[]> sentences = WordTokenizer.Sentences("a b c d e f g", sentenceLength: 3);
        Assert.Equal([3, 3, 1], sentences.Select(s => s.Length));
        Assert.Equal(["g"], sentences[2]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WordTokenizer.Sentences("a", sentenceLength: 0));
        Assert.Equal("sentenceLength", error.ParamName);
    }

    [Fact]
    public void Austen_has_the_reference_token_and_vocabulary_counts()
    {
        // REFERENCE.md: 724,858 tokens; min_count 5 keeps 5,896 words.
        List<string> tokens = WordTokenizer.Tokenize(File.ReadAllText(TextData.AustenPath));
        Assert.Equal(724_858, tokens.Count);
        Vocabulary vocabulary = Vocabulary.Build(WordTokenizer.Split(tokens), minCount: 5, sample: 1e-3);
        Assert.Equal(5_896, vocabulary.Count);
        Assert.Equal(724_858, vocabulary.RawWordCount);
        Assert.True(vocabulary.Counts.Zip(vocabulary.Counts.Skip(1)).All(p => p.First >= p.Second), "most frequent first");
    }
}
