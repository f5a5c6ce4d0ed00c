namespace Specialized.Tests.Text;

/// <summary>Paths of the bundled text corpora, copied next to the test assembly.</summary>
internal static class TextData
{
    public static string AustenPath => Path.Combine(AppContext.BaseDirectory, "data", "austen.txt");

    public static string PrideAndPrejudicePath => Path.Combine(AppContext.BaseDirectory, "data", "pride_and_prejudice.txt");
}
