namespace Specialized.Tests.Data;

/// <summary>The CSV loader reads quoted headers and fields as pandas, Excel and R write them (RFC 4180).</summary>
public sealed class CsvLoadingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"csv-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    private string Write(string text)
    {
        File.WriteAllText(_path, text);
        return _path;
    }

    [Fact]
    public void A_quoted_header_is_read_without_its_quotes()
    {
        var data = Dataset.LoadClassification(Write("\"sepal length\",\"petal, width\",\"label\"\n1.5,2,0\n3,4.25,1\n"));

        Assert.Equal(["sepal length", "petal, width"], data.FeatureNames);
        Assert.Equal([1.5f, 2f, 3f, 4.25f], data.Features);
        Assert.Equal([0, 1], data.Labels);
    }

    [Fact]
    public void Quoted_fields_and_doubled_quotes_are_read()
    {
        var data = Dataset.LoadRegression(Write("\"a \"\"x\"\"\", b ,target\n\"1.5\", 2 ,\"-3e1\"\n"), "target");

        Assert.Equal(["a \"x\"", "b"], data.FeatureNames);
        Assert.Equal([1.5f, 2f], data.Features);
        Assert.Equal([-30f], data.Targets);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_naming_line_and_column()
    {
        var e = Assert.Throws<InvalidDataException>(() => Dataset.LoadClassification(Write("x,label\n\"1.5,0\n")));

        Assert.Contains("line 2, column 1", e.Message);
        Assert.Contains("never closed", e.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => Dataset.LoadClassification(Write("\"x\"y,label\n1,0\n")));

        Assert.Contains("line 1, column 1", e.Message);
    }

    [Fact]
    public void Unquoted_files_load_as_before_including_empty_trailing_fields_as_errors()
    {
        var data = Dataset.LoadClassification(Write(" x , y ,label\n1,2,0\n"));
        Assert.Equal(["x", "y"], data.FeatureNames);

        var e = Assert.Throws<InvalidDataException>(() => Dataset.LoadClassification(Write("x,label\n1,\n")));
        Assert.Contains("line 2, column 'label'", e.Message);
    }
}
