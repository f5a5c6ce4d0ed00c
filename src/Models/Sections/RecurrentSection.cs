using Specialized.Models.Report;

namespace Specialized.Models.Sections;

/// <summary>Recurrent networks: digits read row by row (LSTM and GRU), and next-value prediction on the sine sequences.</summary>
public static class RecurrentSection
{
    /// <summary>Trains the three recurrent models and reports test accuracy or error and training throughput.</summary>
    public static IReadOnlyList<ResultRow> Run(string dataDirectory)
    {
        var (train, test) = Dataset.LoadClassification(Path.Combine(dataDirectory, "digits.csv")).Scale(1f / 16).SplitByRowIndex(5, 4);
        var rows = new List<ResultRow>
        {
            Classify(new DigitsRowLstm(), train, test, new Adam(3e-3f), 40, "DigitsRowLstm: 8 rows as 8 steps, LSTM 32, Adam 3e-3, cosine, 40 epochs"),
            Classify(new DigitsRowGru(), train, test, new Adam(1e-2f), 30, "DigitsRowGru: 8 rows as 8 steps, GRU 32, Adam 1e-2, cosine, 30 epochs"),
        };

        var (sineTrain, sineTest) = Dataset.LoadRegression(Path.Combine(dataDirectory, "sine_next.csv"), "target").SplitByRowIndex(5, 4);
        var sine = new SineLstm();
        var summary = new Trainer<SineLstm>(sine, new Adam(1e-2f), new TrainerOptions { Epochs = 20, BatchSize = 32, Seed = 1, Schedule = new CosineAnnealingSchedule(maxEpochs: 20) }).Fit(sineTrain);
        var predictions = new float[sineTest.Count];
        sine.Forward(sineTest.Features, predictions);
        double mse = predictions.Select((p, i) => (double)(p - sineTest.Targets[i]) * (p - sineTest.Targets[i])).Average();
        rows.Add(new ResultRow("SineLstm: 32 steps × 8 channels → next value, LSTM 32, Adam 1e-2, cosine, 20 epochs", "sine_next test",
            $"MSE {mse:F5}", $"{summary.Elapsed.TotalMilliseconds:F0} ms, {summary.SamplesPerSecond:N0} samples/s",
            "PyTorch LSTM MSE 0.00171; predicting the mean 0.584"));
        return rows;
    }

    private static ResultRow Classify<TModel>(TModel model, Dataset train, Dataset test, IOptimizer optimizer, int epochs, string name) where TModel : class, IModel
    {
        var summary = new Trainer<TModel>(model, optimizer, new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 1, Schedule = new CosineAnnealingSchedule(maxEpochs: epochs) }).Fit(train);
        double accuracy = ModelEvaluation.Evaluate(model, test).Accuracy!.Value;
        return new ResultRow(name, "digits test", $"{Percent.Of(accuracy)} accuracy", $"{summary.Elapsed.TotalMilliseconds:F0} ms, {summary.SamplesPerSecond:N0} samples/s", "MLP 97.49%; PyTorch 2.1k sequences/s");
    }
}
