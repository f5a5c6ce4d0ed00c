using Spectre.Console;

namespace Specialized.Models.CommandLine;

/// <summary>
/// Where a command's output goes: Spectre.Console's own terminal, with colour and live progress bars, when
/// the program writes to an interactive terminal; otherwise (redirected to a file or a pipe, or a test's
/// writer) a plain console on the given writer, without colour or cursor movement, whose tables are
/// Markdown and whose progress is one line per epoch.
/// </summary>
internal sealed class Terminal
{
    private readonly TextWriter? _plain;

    private Terminal(IAnsiConsole console, TextWriter? plain)
    {
        Console = console;
        _plain = plain;
    }

    /// <summary>Where tables and lines go.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether progress bars can redraw in place.</summary>
    public bool IsLive => _plain is null;

    /// <summary>The terminal for <paramref name="output"/>.</summary>
    public static Terminal For(TextWriter output)
    {
        if (ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected)
        {
            IAnsiConsole console = AnsiConsole.Console;
            if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi) return new Terminal(console, plain: null);
        }
        IAnsiConsole plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
                return new Terminal(plain, output);
    }

    /// <summary>
    /// Writes a titled table: drawn with Spectre.Console's borders on a terminal, or as a Markdown table (which
    /// pastes into a README and never wraps) otherwise.
    /// </summary>
    public void WriteTable(string title, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        List<string[]> cells = rows.ToList();
        if (IsLive)
        {
            var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded };
            foreach (string header in headers) table.AddColumn(new TableColumn(Markup.Escape(header)));
            foreach (string[] row in cells) table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Spectre.Console.Text(cell)).ToArray());
            Console.Write(table);
            return;
        }
        int[] widths = headers.Select((header, c) => cells.Select(row => row[c].Length).Append(header.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> row) => "| " + string.Join(" | ", row.Select((cell, c) => cell.PadRight(widths[c]))) + " |";
        WriteLine(title);
        WriteLine();
        WriteLine(Line(headers));
        WriteLine("| " + string.Join(" | ", widths.Select(width => new string('-', width))) + " |");
        foreach (string[] row in cells) WriteLine(Line(row));
    }

    /// <summary>Writes plain text and a line end.</summary>
    /// <remarks>Plain output goes straight to the writer: Spectre.Console would wrap it at 80 columns, not knowing a file's width.</remarks>
    public void WriteLine(string text = "")
    {
        if (_plain is null) Console.Write(new Spectre.Console.Text(text + "\n"));
        else _plain.WriteLine(text);
    }
}
