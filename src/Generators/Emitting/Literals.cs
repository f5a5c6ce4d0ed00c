using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Specialized.Generators.Emitting;

/// <summary>How emitted code spells names and numbers: keywords escaped, invariant culture, floats round-trippable.</summary>
internal static class Literals
{
    /// <summary>An identifier as C# source: <c>@class</c> for a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.RecordKeyword
            ? "@" + name
            : name;

    /// <summary>A dotted namespace with each segment escaped.</summary>
    public static string Namespace(string dotted) => string.Join(".", System.Linq.Enumerable.Select(dotted.Split('.'), Identifier));

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Thousands separated, for prose ("17,226 parameters").</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A float literal, the shortest that round-trips ("0.1f", "1E-05f"); the parser has checked the value is finite.</summary>
    public static string Float(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>A shape as [a, b, c].</summary>
    public static string Shape(System.Collections.Generic.IEnumerable<int> dims) => "[" + string.Join(", ", System.Linq.Enumerable.Select(dims, Int)) + "]";
}
