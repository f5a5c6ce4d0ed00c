using System.Collections.Generic;

namespace Specialized.Generators.Emitting;

/// <summary>
/// One register width the emitted code is written for. Each flavor spells the same operations for
/// its type, so one template emits the 512-, 256-, 128-bit and scalar paths.
/// </summary>
internal sealed class VectorFlavor
{
    private VectorFlavor(string suffix, string simdWidth, int count, string? vectorClass)
    {
        Suffix = suffix;
        SimdWidth = simdWidth;
        Count = count;
        _vectorClass = vectorClass;
    }

    private readonly string? _vectorClass;

    public static readonly VectorFlavor V512 = new("512", "Vector512", 16, "Vector512");
    public static readonly VectorFlavor V256 = new("256", "Vector256", 8, "Vector256");
    public static readonly VectorFlavor V128 = new("128", "Vector128", 4, "Vector128");
    public static readonly VectorFlavor Scalar = new("Scalar", "Scalar", 1, null);

    public static IReadOnlyList<VectorFlavor> All { get; } = new[] { V512, V256, V128, Scalar };

    /// <summary>Method-name suffix: Forward256.</summary>
    public string Suffix { get; }

    /// <summary>The member of the runtime's SimdWidth enum this flavor implements.</summary>
    public string SimdWidth { get; }

    /// <summary>Floats per register.</summary>
    public int Count { get; }

    public bool IsScalar => _vectorClass is null;

    public string Type => IsScalar ? "float" : $"global::System.Runtime.Intrinsics.{_vectorClass}<float>";

    public string Broadcast(string scalar) => IsScalar ? scalar : $"global::System.Runtime.Intrinsics.{_vectorClass}.Create({scalar})";

    public string Load(string reference, string offset) =>
        IsScalar ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {reference}, {offset})"
                 : $"global::System.Runtime.Intrinsics.{_vectorClass}.LoadUnsafe(ref {reference}, (nuint)({offset}))";

    public string Store(string value, string reference, string offset) =>
        IsScalar ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {reference}, {offset}) = {value};"
                 : $"global::System.Runtime.Intrinsics.{_vectorClass}.StoreUnsafe({value}, ref {reference}, (nuint)({offset}));";

    /// <summary>a·b + c, fused where the hardware can.</summary>
    public string MultiplyAdd(string a, string b, string c) =>
        IsScalar ? $"float.MultiplyAddEstimate({a}, {b}, {c})"
                 : $"global::System.Runtime.Intrinsics.{_vectorClass}.MultiplyAddEstimate({a}, {b}, {c})";

    public string Zero => IsScalar ? "0f" : $"global::System.Runtime.Intrinsics.{_vectorClass}<float>.Zero";

    public string Element(string vector, int lane) => IsScalar ? vector : $"global::System.Runtime.Intrinsics.{_vectorClass}.GetElement({vector}, {lane})";

    /// <summary>Accumulators a register file can hold for a block: 16 registers (32 with AVX-512), keep a few for operands.</summary>
    public int RegisterBudget => 12;
}
