using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using Specialized.Models.Plots;

namespace Specialized.Models.CommandLine;

/// <summary>
/// <c>train &lt;model&gt;</c>: trains a catalogue model on its bundled data or on <c>--data</c>, shows each
/// epoch, scores the held-out rows and, with <c>--output</c>, writes the weights (safetensors) and the plots.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        Argument<string> model = CommandOptions.Model("The model to train.");
        Option<string> data = CommandOptions.Data();
        Option<string> label = CommandOptions.Label();
        Option<int?> epochs = CommandOptions.AtLeast("--epochs", 1, "Passes over the training rows. Default: the model's recipe (see `list`). SVMs have no epochs.");
        Option<int?> seed = CommandOptions.AtLeast("--seed", 0, "Seeds the initial weights and the shuffle, for a repeatable run. Default: the declaration's initial weights and shuffle seed 1, as the main job.");
        Option<int?> batchSize = CommandOptions.AtLeast("--batch-size", 1, "Rows per optimizer step. Default: the model's recipe.");
        Option<string> outputDirectory = CommandOptions.Output(
            "Writes <model>.safetensors (PyTorch tensor names) and the PNG plots: <model>_loss.png, <model>_accuracy.png (networks) and <model>_confusion.png. Created when missing.");
        var command = new Command("train", "Trains a model and scores it on the held-out rows (index % 5 == 4).") { model, data, label, epochs, seed, batchSize, outputDirectory };
        command.SetAction(result => Run(
            ModelCatalog.Find(result.GetValue(model))!, result.GetValue(data), result.GetValue(label)!,
            new TrainingRequest(result.GetValue(epochs), result.GetValue(seed), result.GetValue(batchSize)), result.GetValue(outputDirectory), output));
        return command;
    }

    private static int Run(CatalogModel model, string? dataPath, string labelColumn, TrainingRequest request, string? outputDirectory, TextWriter output)
    {
        CommandData data = CommandData.Load(model, dataPath, labelColumn);
        Terminal terminal = Terminal.For(output);
        terminal.WriteLine($"Training {model.Name} ({model.Layers}) on {data.Source}: {data.Train.Count:N0} training rows, {data.HeldOut.Count:N0} held out; " +
                           $"{model.Recipe(request.Epochs, request.BatchSize)}{(request.Seed is int s ? $", seed {s}" : "")}.");
        if (model.DefaultEpochs is null && (request.Epochs ?? request.BatchSize ?? request.Seed) is not null)
            terminal.WriteLine($"{model.Name} is fitted in one go by a deterministic solver; --epochs, --batch-size and --seed do not apply.");

        TrainedModel trained;
        int epochs = request.Epochs ?? model.DefaultEpochs ?? 0;
        if (model.DefaultEpochs is null)
        {
            trained = model.Train(data.Train, data.HeldOut, request, progress: null);
        }
        else if (terminal.IsLive)
        {
            TrainedModel? result = null;
            terminal.Console.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new Spectre.Console.ProgressBarColumn(), new Spectre.Console.PercentageColumn(), new Spectre.Console.TaskDescriptionColumn { Alignment = Spectre.Console.Justify.Left })
                .Start(context =>
                {
                    var task = context.AddTask($"epoch 0/{epochs}", maxValue: epochs);
                    result = model.Train(data.Train, data.HeldOut, request, EpochProgress.Bar(epochs, task));
                });
            trained = result!;
        }
        else
        {
            trained = model.Train(data.Train, data.HeldOut, request, EpochProgress.Lines(epochs, output));
        }

        int[] predicted = trained.Predict(data.HeldOut);
        int classes = model.ClassCount ?? Math.Max(data.Train.ClassCount, data.HeldOut.ClassCount);
        var confusion = new ConfusionMatrix(data.HeldOut.Labels, predicted, Math.Max(classes, predicted.Max() + 1));
        terminal.WriteLine();
        terminal.WriteTable($"{model.Name} on {Path.GetFileName(data.Source)}", ["held-out accuracy", "held-out loss", "training time", "throughput"],
        [[
            $"{100 * confusion.Accuracy:F2}% ({confusion.Correct} of {confusion.Total})",
            trained.Loss(data.HeldOut) is double loss ? loss.ToString("F4", CultureInfo.InvariantCulture) : "—",
            $"{trained.Elapsed.TotalMilliseconds:F0} ms",
            trained.SamplesPerSecond is double rate ? $"{rate:N0} samples/s" : "—",
        ]]);
        terminal.WriteLine();
        terminal.WriteLine("Confusion matrix of the held-out rows (rows: true class, columns: predicted):");
        terminal.WriteLine(confusion.ToString());

        if (outputDirectory is null) return 0;
        Directory.CreateDirectory(outputDirectory);
        var written = new List<string>();
        string weights = Path.Combine(outputDirectory, model.Name + ".safetensors");
        trained.SaveWeights(weights);
        written.Add(weights);
        if (trained.Epochs.Count > 0)
        {
            string lossPlot = Path.Combine(outputDirectory, model.Name + "_loss.png");
            TrainingCurvesPlot.SaveLoss(trained.Epochs, lossPlot, model.Name);
            written.Add(lossPlot);
            string accuracyPlot = Path.Combine(outputDirectory, model.Name + "_accuracy.png");
            TrainingCurvesPlot.SaveAccuracy(trained.Epochs, accuracyPlot, model.Name);
            written.Add(accuracyPlot);
        }
        string confusionPlot = Path.Combine(outputDirectory, model.Name + "_confusion.png");
        ConfusionMatrixPlot.Save(confusion, confusionPlot, $"{model.Name}, held-out rows of {Path.GetFileName(data.Source)}");
        written.Add(confusionPlot);
        terminal.WriteLine();
        foreach (string file in written) terminal.WriteLine($"Wrote {file}");
        return 0;
    }
}
