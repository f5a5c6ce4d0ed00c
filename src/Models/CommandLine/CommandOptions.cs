using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;

namespace Specialized.Models.CommandLine;

/// <summary>The arguments and options the verbs share, each with its help text and its check (a failed check is a usage error, exit 2).</summary>
internal static class CommandOptions
{
    /// <summary>The <c>&lt;model&gt;</c> argument: a name from the catalogue, any case.</summary>
    public static Argument<string> Model(string description)
    {
        var argument = new Argument<string>("model") { Description = $"{description} One of: {ModelCatalog.Names}." };
        argument.Validators.Add(result => CheckModel(result, result.GetValueOrDefault<string>()));
        return argument;
    }

    /// <summary>Zero or more model names; none means every model.</summary>
    public static Argument<string[]> Models(string description)
    {
        var argument = new Argument<string[]>("models") { Description = $"{description} One or more of: {ModelCatalog.Names}.", Arity = ArgumentArity.ZeroOrMore };
        argument.Validators.Add(result =>
        {
            foreach (string name in result.GetValueOrDefault<string[]>() ?? []) CheckModel(result, name);
        });
        return argument;
    }

    /// <summary><c>--data PATH</c>: the user's CSV.</summary>
    public static Option<string> Data() => new("--data")
    {
        Description = "A CSV file with a header row, one column of integer class labels (see --label) and the model's number of feature columns. " +
                      "Rows with index % 5 == 4 are held out. Default: the model's bundled data set.",
        HelpName = "PATH",
    };

    /// <summary><c>--label NAME</c>: the label column of <c>--data</c>.</summary>
    public static Option<string> Label() => new("--label")
    {
        Description = "The name of the class-label column in the CSV.",
        HelpName = "NAME",
        DefaultValueFactory = _ => "label",
    };

    /// <summary><c>--output DIR</c>.</summary>
    public static Option<string> Output(string description) => new("--output", "-o") { Description = description, HelpName = "DIR" };

    /// <summary>A whole number option that must be at least <paramref name="minimum"/>.</summary>
    public static Option<int?> AtLeast(string name, int minimum, string description, string helpName = "N")
    {
        var option = new Option<int?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            // Read the token itself: a value that is not a number already has its own parse error, and converting it here would throw.
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value < minimum)
                result.AddError($"{name} must be at least {minimum}; got {value}.");
        });
        return option;
    }

    private static void CheckModel(SymbolResult result, string? name)
    {
        if (ModelCatalog.Find(name) is null) result.AddError($"Unknown model '{name}'. Models: {ModelCatalog.Names} (`list` describes them).");
    }
}
