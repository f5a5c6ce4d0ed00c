using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Specialized.Kernels;

/// <summary>Argument checks of generated models, kept here so every model words them the same way.</summary>
/// <remarks>Messages are formatted in throw helpers, out of the checks' bodies: a ReadyToRun method resolves every type and
/// method its body names before its first run, string interpolation names a dozen, and a check runs on every call.</remarks>
public static class ModelChecks
{
    /// <summary>Returns the batch size of <paramref name="inputs"/>, or throws if it is not a positive whole number of samples.</summary>
    public static int BatchOf(ReadOnlySpan<float> inputs, int inputSize, string paramName = "inputs")
    {
        if (inputs.IsEmpty || inputs.Length % inputSize != 0) ThrowBatch(inputs.Length, inputSize, paramName);
        return inputs.Length / inputSize;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBatch(int length, int inputSize, string paramName) =>
        throw new ArgumentException(
            $"{paramName} has {length} floats; expected a positive multiple of InputSize ({inputSize}), one row of {inputSize} per sample.",
            paramName);

    /// <summary>Throws unless <paramref name="outputs"/> holds exactly one row of <paramref name="outputSize"/> per sample.</summary>
    public static void OutputLength(Span<float> outputs, int batch, int outputSize, string paramName = "outputs")
    {
        if (outputs.Length != (long)batch * outputSize) ThrowOutputLength(outputs.Length, batch, outputSize, paramName);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutputLength(int length, int batch, int outputSize, string paramName) =>
        throw new ArgumentException(
            $"{paramName} has {length} floats; expected {(long)batch * outputSize} (batch {batch} × OutputSize {outputSize}).",
            paramName);

    /// <summary>
    /// Throws when <paramref name="outputs"/> overlaps <paramref name="inputs"/>: the model reads inputs
    /// tile by tile while it writes outputs, so a shared span would feed it its own results.
    /// </summary>
    public static void NoOverlap(ReadOnlySpan<float> inputs, Span<float> outputs, string paramName = "outputs")
    {
        if (inputs.Overlaps(outputs)) ThrowOverlap(paramName);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverlap(string paramName) =>
        throw new ArgumentException($"{paramName} overlaps inputs; pass separate buffers (copy the inputs first to compute in place).", paramName);

    /// <summary>Throws for a <see cref="SimdWidth"/> value that names no code path.</summary>
    public static Exception UnknownWidth(SimdWidth width, string paramName = "width") =>
        new ArgumentOutOfRangeException(paramName, width, $"{width} is not a SimdWidth; use Scalar, Vector128, Vector256 or Vector512 (SimdWidths.Best picks the widest accelerated one).");
}
