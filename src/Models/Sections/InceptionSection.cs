using Specialized.Models.Report;

namespace Specialized.Models.Sections;

/// <summary>
/// GoogLeNet's idea at digit scale: <see cref="DigitsInception"/> (one Inception module with 1×1 reductions)
/// beside the plain <see cref="DigitsCnn"/>, same data, recipe and epochs, with their parameter counts.
/// </summary>
public static class InceptionSection
{
    /// <summary>Epochs of both runs: enough for the comparison in a few seconds.</summary>
    public const int Epochs = 20;

    /// <summary>Trains <typeparamref name="TModel"/> with the convolutional section's recipe (SGD momentum, cosine schedule, ±1-pixel shifts) and returns its test accuracy and time.</summary>
    public static (double Accuracy, TrainingSummary Summary) Train<TModel>(TModel model, Dataset train, Dataset test, int epochs = Epochs) where TModel : class, IModel
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = new TrainerOptions
        {
            Epochs = epochs, BatchSize = 16, Seed = 2,
            Schedule = new CosineAnnealingSchedule(maxEpochs: epochs),
            Augmentation = new ImageAugmentation(channels: 1, height: 8, width: 8, maxShift: 1),
        };
        model.ResetParameters(options.Seed);
        var summary = new Trainer<TModel>(model, new Sgd(learningRate: 0.05f, momentum: 0.9f, weightDecay: 5e-4f), options).Fit(train);
        return (ModelEvaluation.Evaluate(model, test).Accuracy!.Value, summary);
    }

    /// <summary>Trains both networks on the digits and returns one row each.</summary>
    public static IReadOnlyList<ResultRow> Run(string dataDirectory)
    {
        var (train, test) = Dataset.LoadClassification(Path.Combine(dataDirectory, "digits.csv")).Scale(1f / 16).SplitByRowIndex(5, 4);
        var (inception, inceptionSummary) = Train(new DigitsInception(), train, test);
        var (plain, plainSummary) = Train(new DigitsCnn(), train, test);
        return
        [
            new ResultRow($"DigitsInception: stem conv, pool, Inception [1×1 | 1×1→3×3 | pool→1×1] (8+8+4), pool, Dense; {DigitsInception.ParameterCount:N0} parameters",
                "digits test", $"{inception:P2} accuracy", $"{inceptionSummary.Elapsed.TotalMilliseconds:F0} ms, {Epochs} epochs", $"plain CNN below, same recipe"),
            new ResultRow($"DigitsCnn 8@3×3-pool-16@3×3-pool-10; {DigitsCnn.ParameterCount:N0} parameters",
                "digits test", $"{plain:P2} accuracy", $"{plainSummary.Elapsed.TotalMilliseconds:F0} ms, {Epochs} epochs",
                $"{(double)DigitsCnn.ParameterCount / DigitsInception.ParameterCount:F1}× the Inception model's parameters"),
        ];
    }
}
