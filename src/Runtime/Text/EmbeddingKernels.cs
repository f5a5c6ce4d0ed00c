using System.Runtime.CompilerServices;

namespace Specialized.Text;

/// <summary>
/// The inner loops of word2vec over one embedding row, written once over <see cref="IEmbeddingLanes{TSelf}"/>.
/// Rows are padded to a multiple of <see cref="RowAlignment"/> floats (the padding stays zero: every
/// update adds a multiple of another zero-padded row), so every width runs whole registers with no tail.
/// </summary>
internal static class EmbeddingKernels
{
    /// <summary>Row strides are multiples of this many floats: one 512-bit register, one cache line.</summary>
    public const int RowAlignment = 16;

    /// <summary>The padded stride for <paramref name="dimension"/> floats.</summary>
    public static int Stride(int dimension) => (dimension + RowAlignment - 1) / RowAlignment * RowAlignment;

    /// <summary>
    /// x · y over <paramref name="length"/> floats (a multiple of the lane count). Four accumulators break
    /// the chain of dependent multiply-adds (a row of 100 floats is 7 registers of 512 bits, 13 of 256),
    /// which matters because every training pair waits for its dot product before it can update.
    /// The summation order depends only on the length and the width, never on alignment.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot<TLanes>(ref float x, ref float y, nuint length) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        nuint step = (nuint)TLanes.Count;
        TLanes a0 = TLanes.Zero, a1 = TLanes.Zero, a2 = TLanes.Zero, a3 = TLanes.Zero;
        nuint i = 0;
        for (; i + 4 * step <= length; i += 4 * step)
        {
            a0 = TLanes.MultiplyAdd(TLanes.Load(ref x, i), TLanes.Load(ref y, i), a0);
            a1 = TLanes.MultiplyAdd(TLanes.Load(ref x, i + step), TLanes.Load(ref y, i + step), a1);
            a2 = TLanes.MultiplyAdd(TLanes.Load(ref x, i + 2 * step), TLanes.Load(ref y, i + 2 * step), a2);
            a3 = TLanes.MultiplyAdd(TLanes.Load(ref x, i + 3 * step), TLanes.Load(ref y, i + 3 * step), a3);
        }
        if (i + 2 * step <= length)
        {
            a0 = TLanes.MultiplyAdd(TLanes.Load(ref x, i), TLanes.Load(ref y, i), a0);
            a1 = TLanes.MultiplyAdd(TLanes.Load(ref x, i + step), TLanes.Load(ref y, i + step), a1);
            i += 2 * step;
        }
        if (i < length) a2 = TLanes.MultiplyAdd(TLanes.Load(ref x, i), TLanes.Load(ref y, i), a2);
        return TLanes.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>y += a · x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy<TLanes>(float a, ref float x, ref float y, nuint length) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        nuint step = (nuint)TLanes.Count;
        TLanes scale = TLanes.Broadcast(a);
        for (nuint i = 0; i < length; i += step)
            TLanes.Store(TLanes.MultiplyAdd(scale, TLanes.Load(ref x, i), TLanes.Load(ref y, i)), ref y, i);
    }

    /// <summary>x = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear<TLanes>(ref float x, nuint length) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        nuint step = (nuint)TLanes.Count;
        for (nuint i = 0; i < length; i += step) TLanes.Store(TLanes.Zero, ref x, i);
    }

    /// <summary>x *= a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale<TLanes>(float a, ref float x, nuint length) where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        nuint step = (nuint)TLanes.Count;
        TLanes scale = TLanes.Broadcast(a);
        for (nuint i = 0; i < length; i += step)
            TLanes.Store(TLanes.MultiplyAdd(scale, TLanes.Load(ref x, i), TLanes.Zero), ref x, i);
    }

    /// <summary>
    /// One output unit's update, fused so the output row is read once: the input's error gathers
    /// g · output (with the output as it was), then the output moves by g · input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Backpropagate<TLanes>(float g, ref float input, ref float output, ref float error, nuint length)
        where TLanes : struct, IEmbeddingLanes<TLanes>
    {
        nuint step = (nuint)TLanes.Count;
        TLanes scale = TLanes.Broadcast(g);
        for (nuint i = 0; i < length; i += step)
        {
            TLanes o = TLanes.Load(ref output, i);
            TLanes.Store(TLanes.MultiplyAdd(scale, o, TLanes.Load(ref error, i)), ref error, i);
            TLanes.Store(TLanes.MultiplyAdd(scale, TLanes.Load(ref input, i), o), ref output, i);
        }
    }
}
