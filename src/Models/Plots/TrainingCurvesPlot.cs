using ScottPlot;

namespace Specialized.Models.Plots;

/// <summary>
/// Loss and accuracy per epoch, from the <see cref="EpochReport"/>s a <see cref="Trainer{TModel}"/> reports
/// through <see cref="IProgress{T}"/> (or returns in its <see cref="TrainingSummary"/>).
/// </summary>
public static class TrainingCurvesPlot
{
    /// <summary>Writes the training loss (and the validation loss when there is one) against the epoch as a PNG.</summary>
    /// <param name="epochs">The reports of the epochs, in order; at least one.</param>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="modelName">Names the model in the title.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void SaveLoss(IReadOnlyList<EpochReport> epochs, string path, string modelName, int width = 800, int height = 500)
    {
        RequireEpochs(epochs);
        Plot plot = Figure.Create($"{modelName}: loss per epoch", "epoch", "mean loss");
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        var training = plot.Add.Scatter(x, epochs.Select(e => e.TrainingLoss).ToArray(), Figure.ClassColor(0));
        training.LegendText = "training (mean over the epoch's batches)";
        if (epochs.All(e => e.ValidationLoss is not null))
        {
            var validation = plot.Add.Scatter(x, epochs.Select(e => e.ValidationLoss!.Value).ToArray(), Figure.ClassColor(1));
            validation.LegendText = "held-out (after the epoch)";
        }
        plot.ShowLegend(Alignment.UpperRight);
        Figure.WholeNumbersOnX(plot);
        plot.Axes.SetLimitsY(0, epochs.Max(e => Math.Max(e.TrainingLoss, e.ValidationLoss ?? 0)) * 1.05);
        Figure.Save(plot, path, width, height);
    }

    /// <summary>Writes the held-out accuracy against the epoch as a PNG, in percent.</summary>
    /// <exception cref="ArgumentException">An epoch has no validation accuracy (train with a validation set and class labels).</exception>
    /// <inheritdoc cref="SaveLoss" path="/param"/>
    public static void SaveAccuracy(IReadOnlyList<EpochReport> epochs, string path, string modelName, int width = 800, int height = 500)
    {
        RequireEpochs(epochs);
        if (epochs.Any(e => e.ValidationAccuracy is null))
            throw new ArgumentException("An epoch report has no validation accuracy; train with a validation set of class labels to plot accuracy.", nameof(epochs));
        Plot plot = Figure.Create($"{modelName}: held-out accuracy per epoch", "epoch", "accuracy (%)");
        double[] accuracy = epochs.Select(e => 100 * e.ValidationAccuracy!.Value).ToArray();
        var line = plot.Add.Scatter(epochs.Select(e => (double)e.Epoch).ToArray(), accuracy, Figure.ClassColor(2));
        line.LegendText = $"held-out accuracy (last {accuracy[^1]:F2}%, best {accuracy.Max():F2}%)";
        plot.ShowLegend(Alignment.LowerRight);
        Figure.WholeNumbersOnX(plot);
        plot.Axes.SetLimitsY(Math.Max(0, accuracy.Min() - 5), 100.5);
        Figure.Save(plot, path, width, height);
    }

    private static void RequireEpochs(IReadOnlyList<EpochReport> epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0) throw new ArgumentException("There are no epoch reports to plot; expected at least one.", nameof(epochs));
    }
}
