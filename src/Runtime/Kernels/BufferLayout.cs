namespace Specialized.Kernels;

/// <summary>How the buffers that generated models hand to kernels are laid out.</summary>
public static class BufferLayout
{
    /// <summary>
    /// Floats of slack after every internal buffer: a kernel may load or blend-store one whole
    /// register at a row's compile-time tail, reading up to 15 floats past the last element (lanes
    /// that are computed and never kept). Node kernels check it once per call.
    /// </summary>
    public const int Slack = 16;

    /// <summary>Throws unless a buffer of <paramref name="length"/> floats holds <paramref name="needed"/> floats (plus <paramref name="slack"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Require(int length, long needed, string paramName, string node, bool slack = true)
    {
        if (length < needed + (slack ? Slack : 0)) Throw(length, needed, paramName, node, slack);
    }

    private static void Throw(int length, long needed, string paramName, string node, bool slack) =>
        throw new ArgumentException(
            $"{paramName} of {node} has {length} floats; the kernel needs {needed + (slack ? Slack : 0)} ({needed}{(slack ? $" + {Slack} slack" : "")}).",
            paramName);
}
