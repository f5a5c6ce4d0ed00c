using System.Text.Json.Serialization;

namespace Specialized.Text;

/// <summary>Source-generated JSON for the word list in safetensors metadata (no reflection, so AOT-safe).</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class WordListContext : JsonSerializerContext;
