using System.CommandLine;
using System.Globalization;
using Specialized.Models.Plots;

namespace Specialized.Models.CommandLine;

/// <summary>
/// <c>evaluate &lt;model&gt; --weights FILE</c>: loads saved weights into a catalogue model and scores the
/// held-out rows of its bundled data or of <c>--data</c>, prepared exactly as <c>train</c> prepared them.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output)
    {
        Argument<string> model = CommandOptions.Model("The model the weights belong to.");
        var weights = new Option<string>("--weights", "-w")
        {
            Description = "A safetensors file written by `train --output` (or by PyTorch with the same tensor names).",
            HelpName = "FILE",
            Required = true,
        };
        Option<string> data = CommandOptions.Data();
        Option<string> label = CommandOptions.Label();
        Option<string> outputDirectory = CommandOptions.Output("Writes <model>_confusion.png there. Created when missing.");
        var command = new Command("evaluate", "Loads a model's weights and scores it on the held-out rows (index % 5 == 4).") { model, weights, data, label, outputDirectory };
        command.SetAction(result => Run(ModelCatalog.Find(result.GetValue(model))!, result.GetValue(weights)!, result.GetValue(data),
            result.GetValue(label)!, result.GetValue(outputDirectory), output));
        return command;
    }

    private static int Run(CatalogModel model, string weightsPath, string? dataPath, string labelColumn, string? outputDirectory, TextWriter output)
    {
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"The weights file {weightsPath} does not exist.", weightsPath);
        CommandData data = CommandData.Load(model, dataPath, labelColumn);
        TrainedModel loaded = model.Load(weightsPath);
        int[] predicted = loaded.Predict(data.HeldOut);
        int classes = Math.Max(model.ClassCount ?? data.HeldOut.ClassCount, predicted.Max() + 1);
        var confusion = new ConfusionMatrix(data.HeldOut.Labels, predicted, Math.Max(classes, data.HeldOut.ClassCount));

        Terminal terminal = Terminal.For(output);
        terminal.WriteTable($"{model.Name} with {Path.GetFileName(weightsPath)}", ["data", "held-out rows", "accuracy", "macro F1", "loss"],
        [[
            data.Source, data.HeldOut.Count.ToString("N0", CultureInfo.InvariantCulture),
            $"{100 * confusion.Accuracy:F2}% ({confusion.Correct} of {confusion.Total})",
            confusion.MacroF1.ToString("F4", CultureInfo.InvariantCulture),
            loaded.Loss(data.HeldOut) is double loss ? loss.ToString("F4", CultureInfo.InvariantCulture) : "—",
        ]]);
        terminal.WriteLine();
        terminal.WriteLine("Confusion matrix (rows: true class, columns: predicted):");
        terminal.WriteLine(confusion.ToString());
        if (outputDirectory is null) return 0;
        string plot = Path.Combine(outputDirectory, model.Name + "_confusion.png");
        ConfusionMatrixPlot.Save(confusion, plot, $"{model.Name}, held-out rows of {Path.GetFileName(data.Source)}");
        terminal.WriteLine();
        terminal.WriteLine($"Wrote {plot}");
        return 0;
    }
}
