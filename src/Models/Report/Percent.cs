using System.Globalization;

namespace Specialized.Models.Report;

/// <summary>
/// Percentages as the tables print them: "97.49%". The invariant culture's "P" format puts a space before the
/// sign ("97.49 %"), which the older sections printed beside rows that had none.
/// </summary>
internal static class Percent
{
    /// <summary>A fraction (0.9749) as a percentage with <paramref name="decimals"/> decimals ("97.49%").</summary>
    public static string Of(double fraction, int decimals = 2) =>
        (100 * fraction).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";
}
