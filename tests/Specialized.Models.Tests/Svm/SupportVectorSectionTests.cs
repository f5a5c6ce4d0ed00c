using Specialized.Models.Sections;

namespace Specialized.Models.Tests.Svm;

public class SupportVectorSectionTests
{
    [Fact]
    public void Section_reports_one_row_per_declared_svm_with_accuracy_support_vectors_and_times()
    {
        var rows = SupportVectorSection.Run(Path.Combine(AppContext.BaseDirectory, "data"));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Contains("accuracy", row.Quality);
            Assert.Contains("SVs", row.Quality);
            Assert.Contains("µs/row", row.Time);
            Assert.Contains("LIBSVM", row.Reference);
        });
        Assert.StartsWith("DigitsSvm", rows[0].Algorithm);
        Assert.StartsWith("DigitsPolySvm", rows[1].Algorithm);
        foreach (var row in rows) Console.WriteLine(row);
    }
}
