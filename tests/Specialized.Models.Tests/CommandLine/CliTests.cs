using System.Globalization;
using System.Text.RegularExpressions;

namespace Specialized.Models.Tests.CommandLine;

/// <summary>
/// The command line as a user meets it, run in process: help on every verb, exit code 2 with the usage line
/// for bad arguments, exit code 1 with the reason for a bad file, and what train --output writes.
/// </summary>
public class CliTests
{
    private static readonly string DigitsPath = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");

    [Theory]
    [InlineData(new string[0], "train <model>")]
    [InlineData(new[] { "train" }, "--epochs")]
    [InlineData(new[] { "evaluate" }, "--weights")]
    [InlineData(new[] { "benchmark" }, "<models>")]
    [InlineData(new[] { "list" }, "classical algorithms")]
    public void Help_of_each_verb_shows_its_usage_and_options_and_exits_0(string[] verb, string mentioned)
    {
        CliRun run = CliRun.Of([.. verb, "--help"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Usage:", run.Output);
        Assert.Contains(mentioned, run.Output);
        Assert.Contains(string.Join(' ', verb), run.Output);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData(new[] { "train", "DigitsMlp", "--epochs", "many" }, "many", "Usage: ")]
    [InlineData(new[] { "train", "DigitsMlp", "--epochs", "0" }, "--epochs must be at least 1; got 0.", "train <model> [options]")]
    [InlineData(new[] { "train", "NoSuchModel" }, "Unknown model 'NoSuchModel'", "train <model> [options]")]
    [InlineData(new[] { "train" }, "model", "train <model> [options]")]
    [InlineData(new[] { "evaluate", "DigitsMlp" }, "--weights", "evaluate <model> --weights FILE [options]")]
    [InlineData(new[] { "benchmark", "DigitsMlp", "Nope" }, "Unknown model 'Nope'", "benchmark [models...] [options]")]
    [InlineData(new[] { "--fast" }, "--fast", "Usage: ")]
    public void A_bad_argument_exits_2_with_the_error_and_the_usage_line(string[] args, string error, string usage)
    {
        CliRun run = CliRun.Of(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(error, run.Error);
        Assert.Contains(usage, run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_csv_row_with_a_wrong_column_count_is_rejected_with_its_line_number_and_exit_1()
    {
        using var folder = new TemporaryFolder();
        List<string> lines = File.ReadLines(DigitsPath).Take(12).ToList();
        lines[6] = lines[6][..lines[6].LastIndexOf(',')]; // file line 7 loses its last cell
        string path = folder.File("short-row.csv");
        File.WriteAllLines(path, lines);

        CliRun run = CliRun.Of("train", "DigitsMlp", "--data", path, "--epochs", "1");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{path}: line 7 has 64 cells; the header has 65.", run.Error);
    }

    [Fact]
    public void A_csv_with_the_wrong_number_of_features_or_no_label_column_is_rejected_with_exit_1()
    {
        using var folder = new TemporaryFolder();
        string wine = Path.Combine(AppContext.BaseDirectory, "data", "wine.csv");
        CliRun run = CliRun.Of("train", "DigitsMlp", "--data", wine);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("has 13 feature columns besides 'label'; DigitsMlp takes 64 features per row.", run.Error);

        run = CliRun.Of("train", "DigitsMlp", "--data", DigitsPath, "--label", "digit");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("has no column 'digit'", run.Error);

        run = CliRun.Of("evaluate", "DigitsMlp", "--weights", folder.File("missing.safetensors"));
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("missing.safetensors does not exist", run.Error);
    }

    [Fact]
    public void Train_with_output_prints_each_epoch_and_writes_loadable_weights_and_the_plots()
    {
        using var folder = new TemporaryFolder();
        // A user's own file: the first 400 digits rows, so 320 train and 80 are held out.
        string data = folder.File("my-digits.csv");
        File.WriteAllLines(data, File.ReadLines(DigitsPath).Take(401));

        CliRun run = CliRun.Of("train", "digitsmlp", "--data", data, "--epochs", "3", "--seed", "5", "--output", folder.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Error);
        // Redirected output: one plain line per epoch, no terminal control codes.
        for (int epoch = 1; epoch <= 3; epoch++) Assert.Matches($@"epoch {epoch}/3  loss \d+\.\d{{4}}  held-out loss \d+\.\d{{4}}  accuracy \d+\.\d\d%", run.Output);
        Assert.DoesNotContain("\u001b[", run.Output);
        Assert.Contains("320 training rows, 80 held out", run.Output);

        // The weights load into a fresh model and give the accuracy train printed.
        string weights = folder.File("DigitsMlp.safetensors");
        var model = new DigitsMlp();
        model.LoadWeights(weights);
        var (_, heldOut) = Dataset.LoadClassification(data).Scale(1f / 16).SplitByRowIndex(5, 4);
        double accuracy = ModelEvaluation.Evaluate(model, heldOut).Accuracy!.Value;
        string printed = Regex.Match(run.Output, @"\| (\d+\.\d\d)% \(\d+ of 80\)").Groups[1].Value;
        Assert.Equal((100 * accuracy).ToString("F2", CultureInfo.InvariantCulture), printed);

        // evaluate reads the same file and agrees.
        CliRun evaluation = CliRun.Of("evaluate", "DigitsMlp", "--weights", weights, "--data", data);
        Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
        Assert.Contains($"{printed}% (", evaluation.Output);

        PngFile.AssertValid(folder.File("DigitsMlp_loss.png"), 800, 500, minimumColours: 10);
        PngFile.AssertValid(folder.File("DigitsMlp_accuracy.png"), 800, 500, minimumColours: 10);
        PngFile.AssertValid(folder.File("DigitsMlp_confusion.png"), 640, 600, minimumColours: 10);
    }

    [Fact]
    public void A_kernel_svm_trains_in_one_go_and_its_saved_weights_evaluate_to_the_same_accuracy()
    {
        using var folder = new TemporaryFolder();
        CliRun run = CliRun.Of("train", "DigitsSvm", "--output", folder.Path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("epoch 1", run.Output);
        Assert.Contains("98.89% (355 of 359)", run.Output); // LIBSVM's accuracy on this split (docs/REFERENCE.md)

        CliRun evaluation = CliRun.Of("evaluate", "DigitsSvm", "--weights", folder.File("DigitsSvm.safetensors"), "--output", folder.Path);
        Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
        Assert.Contains("98.89% (355 of 359)", evaluation.Output);
        PngFile.AssertValid(folder.File("DigitsSvm_confusion.png"), 640, 600, minimumColours: 10);
    }

    [Fact]
    public void List_names_every_model_and_the_classical_algorithms()
    {
        CliRun run = CliRun.Of("list");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (string name in new[] { "DigitsMlp", "DigitsCnn", "DigitsRowLstm", "DigitsRowGru", "BreastCancerResNet", "WineResNet", "DigitsSvm", "DigitsPolySvm" })
            Assert.Contains($"| {name} ", run.Output);
        Assert.Contains("| 17,226 ", run.Output); // DigitsMlp: 64·128 + 128 + 128·64 + 64 + 64·10 + 10
        Assert.Contains("GaussianMixture", run.Output);
        Assert.Contains("Word2Vec", run.Output);
    }

    [Fact]
    public void Benchmark_prints_a_timing_row_per_model_asked_for()
    {
        CliRun run = CliRun.Of("benchmark", "DigitsMlp");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"\| DigitsMlp +\| [\d,]+ samples/s .*\| \d+\.\d\d µs +\| \d+\.\d\d µs/row \(359 rows\)", run.Output);
        Assert.DoesNotContain("DigitsCnn", run.Output);
    }
}
