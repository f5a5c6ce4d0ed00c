using Specialized.Text;

namespace Specialized.Tests.Text;

/// <summary>The first 20,000 tokens of Pride and Prejudice in sentences of 1,000: a quick real corpus.</summary>
internal static class SmallCorpus
{
    private static readonly Lazy<List<string[]>> Lazy = new(() =>
        WordTokenizer.Split(WordTokenizer.Tokenize(File.ReadAllText(TextData.PrideAndPrejudicePath)).Take(20_000).ToList()));

    public static List<string[]> Sentences => Lazy.Value;
}
