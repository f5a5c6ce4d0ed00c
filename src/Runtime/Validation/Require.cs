using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Specialized;

/// <summary>
/// Argument checks shared by the whole runtime. Every failure names the argument, says what was
/// found and what was expected, so the caller knows what to change. Checks run before any work,
/// so a rejected call leaves every object as it was.
/// </summary>
/// <remarks>
/// Every message is built in a throw helper of its own, never in a check: a ReadyToRun method resolves every type and
/// method its body names before its first run, and string interpolation names a dozen (the handler, its Append
/// instantiations, the exception), so a check that formatted its own message cost tens of microseconds at its first call
/// even when it passed (a decision tree's first one-row prediction: 118–179 µs before, 67 µs after; docs/classical.md).
/// The generic <see cref="Length{T}(ReadOnlySpan{T}, int, string, string?)"/> is inlined into its callers for a second
/// reason: the first call of a generic method's instantiation over a value type makes the runtime build that instantiation
/// and look up its precompiled code, about 0.16 ms here (the first <c>Metrics.Accuracy</c> took 0.20 ms, 0.04 ms with
/// the check inlined).
/// </remarks>
internal static class Require
{
    /// <summary>Throws unless <paramref name="span"/> has exactly <paramref name="expected"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length<T>(ReadOnlySpan<T> span, int expected, string paramName, string? what = null)
    {
        if (span.Length != expected) ThrowLength(span.Length, expected, paramName, what);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int length, int expected, string paramName, string? what) =>
        throw new ArgumentException($"{paramName} has {length} elements; expected {expected}{(what is null ? "" : $" ({what})")}.", paramName);

    /// <summary>Throws unless <paramref name="span"/> holds exactly a <paramref name="rows"/> × <paramref name="columns"/> matrix; formats nothing on success.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length<T>(ReadOnlySpan<T> span, int rows, int columns, string paramName)
    {
        if (span.Length != rows * columns) ThrowShape(span.Length, rows, columns, paramName);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShape(int length, int rows, int columns, string paramName) =>
        throw new ArgumentException($"{paramName} has {length} elements; expected {rows * columns} ({rows} × {columns}).", paramName);

    /// <summary>
    /// Checks a row-major block of samples and returns its row count: the length must be a positive
    /// multiple of <paramref name="featureCount"/>.
    /// </summary>
    public static int Rows(ReadOnlySpan<float> samples, int featureCount, string paramName)
    {
        if (featureCount <= 0 || samples.IsEmpty || samples.Length % featureCount != 0) ThrowRows(samples.Length, featureCount, paramName);
        return samples.Length / featureCount;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRows(int length, int featureCount, string paramName)
    {
        if (featureCount <= 0)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "featureCount must be at least 1.");
        if (length == 0)
            throw new ArgumentException($"{paramName} is empty; expected at least one row of {featureCount} features.", paramName);
        throw new ArgumentException(
            $"{paramName} has {length} elements, which is not a whole number of rows of {featureCount} features " +
            $"({length / featureCount} rows and {length % featureCount} left over).",
            paramName);
    }

    /// <summary>Throws on the first NaN or infinity, naming its row and column.</summary>
    public static void Finite(ReadOnlySpan<float> values, int featureCount, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i])) ThrowNotFinite(values[i], i, featureCount, paramName);
        }
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite(float value, int index, int featureCount, string paramName) =>
        throw new ArgumentException(
            $"{paramName} holds {value} at row {index / featureCount}, column {index % featureCount}; every value must be finite.",
            paramName);

    /// <summary>Checks the samples' shape and values in one go and returns the row count.</summary>
    public static int FiniteRows(ReadOnlySpan<float> samples, int featureCount, string paramName)
    {
        int rows = Rows(samples, featureCount, paramName);
        Finite(samples, featureCount, paramName);
        return rows;
    }

    /// <summary>
    /// Checks class labels: one per row, each in [0, classCount) when a count is given, else ≥ 0.
    /// Returns the number of classes (largest label + 1).
    /// </summary>
    public static int Labels(ReadOnlySpan<int> labels, int rows, string paramName, int classCount = -1)
    {
        if (labels.Length != rows) ThrowLabelCount(labels.Length, rows, paramName);
        int max = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if (label < 0 || (classCount > 0 && label >= classCount)) ThrowLabel(label, i, classCount, paramName);
            if (label > max) max = label;
        }
        return max + 1;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLabelCount(int count, int rows, string paramName) =>
        throw new ArgumentException($"{paramName} has {count} labels; expected one per sample row ({rows}).", paramName);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLabel(int label, int index, int classCount, string paramName)
    {
        string range = classCount > 0 ? $"[0, {classCount})" : "0 or more";
        throw new ArgumentException($"{paramName}[{index}] is {label}; labels must be class indices {range}.", paramName);
    }

    /// <summary>Checks labels and that at least two distinct classes occur; returns the class count.</summary>
    public static int AtLeastTwoClasses(ReadOnlySpan<int> labels, int rows, string paramName)
    {
        int classes = Labels(labels, rows, paramName);
        int first = labels[0];
        bool mixed = false;
        foreach (int label in labels)
        {
            if (label != first)
            {
                mixed = true;
                break;
            }
        }
        if (!mixed) ThrowSingleClass(first, paramName);
        return classes;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSingleClass(int label, string paramName) =>
        throw new ArgumentException($"{paramName} holds a single class ({label}); at least two classes are needed to fit a classifier.", paramName);

    /// <summary>Throws unless <paramref name="value"/> is finite and strictly positive.</summary>
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value > 0) || !double.IsFinite(value)) ThrowOutOfRange(value, paramName, "a finite number greater than 0");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and not negative.</summary>
    public static void NonNegative(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value >= 0) || !double.IsFinite(value)) ThrowOutOfRange(value, paramName, "a finite number of 0 or more");
    }

    /// <summary>
    /// Throws unless <paramref name="value"/> lies in [0, 1) (or [0, 1] when <paramref name="includeOne"/>):
    /// decay rates such as Adam's betas or RMSProp's alpha.
    /// </summary>
    public static void UnitInterval(double value, bool includeOne = false, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value >= 0) || !(includeOne ? value <= 1 : value < 1)) ThrowOutOfRange(value, paramName, includeOne ? "in [0, 1]" : "in [0, 1)");
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void InRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value < min || value > max) ThrowNotBetween(value, min, max, paramName);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotBetween(int value, int min, int max, string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be between {min} and {max}.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(double value, string paramName, string requirement) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be {requirement}.");

    /// <summary>Throws an <see cref="InvalidOperationException"/> when a model is used before <c>Fit</c>.</summary>
    public static void Fitted(bool isFitted, string typeName)
    {
        if (!isFitted) ThrowNotFitted(typeName);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFitted(string typeName) =>
        throw new InvalidOperationException($"This {typeName} has not been fitted yet; call Fit before predicting or scoring.");
}
