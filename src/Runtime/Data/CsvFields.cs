using System.Text;

namespace Specialized;

/// <summary>
/// Splits one CSV line into fields as RFC 4180 writes them: comma-separated, a field may be wrapped
/// in double quotes (so it can hold commas), and a doubled quote inside quotes is one quote. pandas,
/// Excel and R quote headers by default, which a plain split on commas turned into column names with
/// quotes in them that never matched.
/// </summary>
internal static class CsvFields
{
    /// <summary>
    /// The fields of <paramref name="line"/>, each trimmed of the spaces around it (inside quotes,
    /// spaces are kept). A quote that opens a field must close it on the same line.
    /// </summary>
    /// <exception cref="InvalidDataException">A quoted field is not closed, or text follows its closing quote.</exception>
    public static string[] Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                int opened = i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new InvalidDataException($"{path}: line {lineNumber}, column {fields.Count + 1}: the quote at character {opened + 1} is never closed (fields cannot span lines).");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',')
                    throw new InvalidDataException($"{path}: line {lineNumber}, column {fields.Count + 1}: unexpected '{line[i]}' after a closing quote; expected a comma.");
                fields.Add(field.ToString());
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                fields.Add(line[i..end].TrimEnd(' ', '\t'));
                i = end;
            }
            if (i >= line.Length) return [.. fields];
            i++; // the comma
        }
    }
}
