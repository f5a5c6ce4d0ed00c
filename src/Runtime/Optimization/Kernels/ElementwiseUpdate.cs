using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized;

/// <summary>
/// An optimizer's per-element update, written once over <see cref="ILanes{TSelf, T}"/> so every width
/// performs the same operations in the same order as the scalar formula.
/// </summary>
internal interface IElementwiseUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Updates whole registers from <paramref name="start"/> while a full one fits before <paramref name="end"/>; returns where it stopped.</summary>
    nuint Run<TLanes>(ref T parameters, ref T gradients, ref T state0, ref T state1, ref T state2, nuint start, nuint end)
        where TLanes : struct, ILanes<TLanes, T>;
}

/// <summary>Drives an <see cref="IElementwiseUpdate{T}"/> over whole buffers: one vector loop of the chosen width, then a scalar tail.</summary>
internal static class ElementwiseUpdate
{
    /// <summary>
    /// Applies <paramref name="update"/> to every element. State spans the update does not use may be
    /// empty; the others have the parameters' length (checked by the caller).
    /// </summary>
    public static void Apply<T, TUpdate>(in TUpdate update, Span<T> parameters, ReadOnlySpan<T> gradients,
        Span<T> state0, Span<T> state1, Span<T> state2, VectorPath path)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TUpdate : struct, IElementwiseUpdate<T>
    {
        // The loops below read and write through unchecked refs up to parameters.Length: prove every
        // span the update may touch is that long, once per call. An empty state is one the update
        // does not read (its options leave it off).
        int length = parameters.Length;
        if (gradients.Length != length || !Fits(state0, length) || !Fits(state1, length) || !Fits(state2, length))
        {
            throw new ArgumentException(
                $"The optimizer's buffers do not match the {length} parameters (gradients {gradients.Length}, state {state0.Length}/{state1.Length}/{state2.Length}).",
                nameof(gradients));
        }
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradients);
        ref T s0 = ref MemoryMarshal.GetReference(state0);
        ref T s1 = ref MemoryMarshal.GetReference(state1);
        ref T s2 = ref MemoryMarshal.GetReference(state2);
        nuint end = (nuint)parameters.Length;
        nuint done = VectorPaths.Resolve(path) switch
        {
            VectorPath.Vector512 => update.Run<Lanes512<T>>(ref p, ref g, ref s0, ref s1, ref s2, 0, end),
            VectorPath.Vector256 => update.Run<Lanes256<T>>(ref p, ref g, ref s0, ref s1, ref s2, 0, end),
            VectorPath.Vector128 => update.Run<Lanes128<T>>(ref p, ref g, ref s0, ref s1, ref s2, 0, end),
            _ => 0,
        };
        update.Run<ScalarLane<T>>(ref p, ref g, ref s0, ref s1, ref s2, done, end);
    }

    private static bool Fits<T>(Span<T> state, int length) => state.IsEmpty || state.Length == length;
}
