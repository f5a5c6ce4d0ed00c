using Specialized.Models.Report;

namespace Specialized.Models.Tests.Report;

public class PercentTests
{
    [Theory]
    [InlineData(0.9749, 2, "97.49%")]
    [InlineData(1.0, 2, "100.00%")]
    [InlineData(0.0, 1, "0.0%")]
    [InlineData(0.4567, 0, "46%")]
    public void Prints_the_sign_right_after_the_number(double fraction, int decimals, string expected) =>
        Assert.Equal(expected, Percent.Of(fraction, decimals));
}
