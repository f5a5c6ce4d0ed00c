using System.CommandLine;
using System.CommandLine.Invocation;

namespace Specialized.Models.CommandLine;

/// <summary>
/// The program's command line: with no command the whole demo (<see cref="MainJob"/>), or one of the verbs
/// <c>train</c>, <c>evaluate</c>, <c>benchmark</c> and <c>list</c>, each with <c>--help</c>. Exit codes:
/// 0 success, 1 failure (the reason on the error writer), 2 bad arguments (the error and the usage line).
/// </summary>
public static class Cli
{
    /// <summary>Exit code of a run that did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a run that failed: a bad data or weights file, a model that does not fit the data, a quick-run accuracy below its floor.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command line that does not parse or names something unknown.</summary>
    public const int Usage = 2;

    /// <summary>The program's name in help and usage lines, whatever the file is called (the apphost, the AOT binary, a test host).</summary>
    public const string ProgramName = "Specialized.Models";

    /// <summary>Parses <paramref name="args"/> and runs what they ask for, writing to the given writers; returns the exit code.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="output">Where results, help and progress go.</param>
    /// <param name="error">Where errors go.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        Command root = Build(output, error);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            foreach (var parseError in parsed.Errors) error.WriteLine($"error: {parseError.Message}");
            error.WriteLine(UsageLine(parsed.CommandResult.Command, root));
            error.WriteLine($"Run '{Name(parsed.CommandResult.Command, root)} --help' for more.");
            return Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The reason is the message: the runtime's and the CSV reader's messages name the file, line, argument and expected size.
            error.WriteLine($"error: {exception.Message}");
            return Failure;
        }
    }

    private static Command Build(TextWriter output, TextWriter error)
    {
        var quick = new Option<bool>("--quick")
        {
            Description = "Run a few-second subset of the demo instead (the Native AOT smoke test); exits 1 if an accuracy is below its floor. Also SPECIALIZED_QUICK=1.",
        };
        Option<string> plots = CommandOptions.Output(
            $"Where the demo writes its figures (PNG). Default: {MainJob.DefaultPlotDirectory}/ in the working directory for the whole demo; none for --quick.");
        // A plain command with the help and version options rather than a RootCommand, whose name would be the
        // executable's file name ("Specialized" for the AOT binary, "testhost" under the tests).
        var root = new Command(ProgramName,
            "Specialized: models whose code is generated for their exact shapes, trained and evaluated on the bundled data. " +
            "With no command it runs the whole demo: every model and classical algorithm, a table per family, and the figures.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            quick,
            plots,
            TrainCommand.Create(output),
            EvaluateCommand.Create(output),
            BenchmarkCommand.Create(output),
            ListCommand.Create(output),
        };
        root.SetAction(result => MainJob.Run(
            result.GetValue(quick) || Environment.GetEnvironmentVariable("SPECIALIZED_QUICK") == "1", result.GetValue(plots), output, error));
        return root;
    }

    private static string Name(Command command, Command root) => command == root ? root.Name : $"{root.Name} {command.Name}";

    private static string UsageLine(Command command, Command root)
    {
        if (command == root) return $"Usage: {root.Name} [--quick] [--output DIR] | {root.Name} <train|evaluate|benchmark|list> [arguments] [options]";
        string arguments = string.Concat(command.Arguments.Select(argument =>
            argument.Arity.MaximumNumberOfValues > 1 ? $" [{argument.Name}...]" : $" <{argument.Name}>"));
        string required = string.Concat(command.Options.Where(option => option.Required).Select(option => $" {option.Name} {option.HelpName}"));
        return $"Usage: {Name(command, root)}{arguments}{required} [options]";
    }
}
