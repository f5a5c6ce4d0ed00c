namespace Specialized.Classical;

/// <summary>
/// Zero-length arrays for the state of a model before its first <c>Fit</c>. Written as fields here rather than as
/// collection expressions (<c>= []</c>, which call <c>Array.Empty&lt;T&gt;()</c>): that CoreLib instantiation has no
/// precompiled code, so a fresh process would JIT-compile it inside the first constructor call (docs/classical.md).
/// </summary>
internal static class Unfitted
{
#pragma warning disable CA1825 // Array.Empty<T> is exactly what is avoided here.
    public static readonly double[] Doubles = new double[0];
    public static readonly int[] Ints = new int[0];
#pragma warning restore CA1825
}
