using System.Globalization;
using Spectre.Console;

namespace Specialized.Models.CommandLine;

/// <summary>
/// Shows a <see cref="Trainer{TModel}"/>'s epochs as they finish: one plain line per epoch when the output
/// is not an interactive terminal, or a live progress bar whose caption carries the latest loss and
/// held-out accuracy. The trainer reports on its own thread, after each epoch.
/// </summary>
internal sealed class EpochProgress(int epochs, TextWriter? lines, ProgressTask? bar) : IProgress<EpochReport>
{
    /// <summary>Progress as plain lines on <paramref name="output"/>.</summary>
    public static EpochProgress Lines(int epochs, TextWriter output) => new(epochs, output, null);

    /// <summary>Progress as a live bar.</summary>
    public static EpochProgress Bar(int epochs, ProgressTask task) => new(epochs, null, task);

    /// <summary>The caption of an epoch: number, training loss, held-out loss and accuracy, time so far.</summary>
    public static string Describe(EpochReport report, int epochs)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {report.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length)}/{epochs}");
        text.Append(CultureInfo.InvariantCulture, $"  loss {report.TrainingLoss:F4}");
        if (report.ValidationLoss is double loss) text.Append(CultureInfo.InvariantCulture, $"  held-out loss {loss:F4}");
        if (report.ValidationAccuracy is double accuracy) text.Append(CultureInfo.InvariantCulture, $"  accuracy {100 * accuracy:F2}%");
        text.Append(CultureInfo.InvariantCulture, $"  {report.Elapsed.TotalSeconds:F1} s");
        return text.ToString();
    }

    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (lines is not null) lines.WriteLine(Describe(value, epochs));
        if (bar is not null)
        {
            bar.Value = value.Epoch;
            bar.Description = Markup.Escape(Describe(value, epochs));
        }
    }
}
