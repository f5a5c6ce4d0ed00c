namespace Specialized.Classical;

/// <summary>
/// Per-thread working memory for the scoring methods, so that predicting allocates nothing after a
/// thread's first call and models stay safe to share between threads. A caller must finish with one
/// buffer before asking for the same kind again (the scoring methods never nest).
/// </summary>
internal static class ScratchBuffer
{
    [ThreadStatic] private static float[]? s_floats;
    [ThreadStatic] private static int[]? s_ints;
    [ThreadStatic] private static double[]? s_doubles;

    public static Span<float> Floats(int length) => Grow(ref s_floats, length).AsSpan(0, length);

    public static Span<int> Ints(int length) => Grow(ref s_ints, length).AsSpan(0, length);

    public static Span<double> Doubles(int length) => Grow(ref s_doubles, length).AsSpan(0, length);

    private static T[] Grow<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new T[Math.Max(length, 64)];
        return buffer;
    }
}
