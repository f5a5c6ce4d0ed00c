using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// The frozen baseline with its parameter array pinned on a 64-byte boundary. The frozen code allocates its weights as
/// a plain array, which the GC places (and moves) anywhere in a cache line; at batch 1 a misaligned array makes every
/// 512-bit weight load span two lines, 12–15% slower, so the frozen row's time depends on where its array landed.
/// The generated model's weights are always aligned (<c>AlignedFloats</c>); this instance gives the frozen kernels the
/// same, so a row against it compares the kernels alone. Reflection only picks an instance whose array landed aligned
/// and pins it: the frozen code itself is untouched.
/// </summary>
internal static class FrozenOnCacheLine
{
    private static readonly List<GCHandle> Pins = [];

    /// <summary>A frozen model whose parameter array starts on a cache line and is pinned for the life of the process.</summary>
    public static FrozenDigitsMlp Create()
    {
        var rejected = new List<object>();
        for (int attempt = 0; attempt < 256; attempt++)
        {
            var model = new FrozenDigitsMlp();
            float[] parameters = ParameterArray(model);
            GCHandle pin = GCHandle.Alloc(parameters, GCHandleType.Pinned);
            if (AddressModulo64(parameters) == 0)
            {
                Pins.Add(pin);
                return model;
            }
            pin.Free();
            rejected.Add(model);
            rejected.Add(new byte[8 + attempt % 7 * 4]); // shifts the next allocation within a line
        }
        throw new InvalidOperationException("No FrozenDigitsMlp landed on a cache line in 256 allocations.");
    }

    /// <summary>The frozen model's own parameter array (private to the frozen code, which is kept as generated).</summary>
    public static float[] ParameterArray(FrozenDigitsMlp model) =>
        (float[])(typeof(FrozenDigitsMlp).GetField("_parameters", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("FrozenDigitsMlp has no _parameters field.")).GetValue(model)!;

    /// <summary>Where <paramref name="array"/>'s data starts within a 64-byte line (0 = aligned).</summary>
    public static unsafe long AddressModulo64(float[] array) =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) % 64;
}
