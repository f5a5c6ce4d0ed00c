using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Specialized.Generators.Infrastructure;

/// <summary>
/// A source location as plain values: keeping a live <see cref="Location"/> in a spec would hold the
/// syntax tree alive and defeat incremental caching.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
