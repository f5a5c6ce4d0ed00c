using System.CommandLine;

namespace Specialized.Models.CommandLine;

/// <summary><c>list</c>: the models the other verbs take, with their layers, data and recipe, and the runtime's classical algorithms.</summary>
internal static class ListCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("list", "Lists the models `train`, `evaluate` and `benchmark` take, and the classical algorithms of the runtime.");
        command.SetAction(_ => Run(output));
        return command;
    }

    private static int Run(TextWriter output)
    {
        Terminal terminal = Terminal.For(output);
        terminal.WriteTable("Declared models (generated code): train, evaluate and benchmark take these names",
            ["model", "layers", "features → classes", "parameters", "default data", "recipe"],
            ModelCatalog.Models.Select(model => new[]
            {
                model.Name, model.Layers, $"{model.FeatureCount} → {(model.ClassCount is int k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : "any")}",
                model.Parameters, model.DataFile, model.Recipe(null, null),
            }));
        terminal.WriteLine();
        terminal.WriteTable("Classical algorithms (Specialized.Classical; the main job runs them on the bundled data)", ["family", "type", "what"],
            ModelCatalog.ClassicalAlgorithms.Select(algorithm => new[] { algorithm.Family, algorithm.Type, algorithm.What }));
        return 0;
    }
}
