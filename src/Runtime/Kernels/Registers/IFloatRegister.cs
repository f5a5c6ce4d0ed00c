namespace Specialized.Kernels;

/// <summary>
/// One register of <see cref="Count"/> floats: a scalar, or a 128-, 256- or 512-bit vector. Kernels
/// are written once, generic over a register type constrained to <c>struct</c>, and the JIT compiles
/// one specialized copy per width in which <see cref="Count"/> and every shape constant are folded:
/// the same source runs on every path, with the same operations in the same order.
/// </summary>
/// <typeparam name="TSelf">The register type itself.</typeparam>
public interface IFloatRegister<TSelf> where TSelf : struct, IFloatRegister<TSelf>
{
    /// <summary>Floats per register.</summary>
    static abstract int Count { get; }

    /// <summary>The code path this register type implements.</summary>
    static abstract SimdWidth Width { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>Loads <see cref="Count"/> floats from <c>source[index]</c>.</summary>
    static abstract TSelf Load(ref float source, nuint index);

    /// <summary>Stores all lanes at <c>destination[index]</c>.</summary>
    static abstract void Store(TSelf value, ref float destination, nuint index);

    /// <summary>
    /// Stores the first <paramref name="lanes"/> lanes at <c>destination[index]</c> and leaves the
    /// rest of the register's footprint as it was. Implementations may read, blend and write the whole
    /// footprint (the 128/256-bit ones do; the 512-bit one uses AVX-512's masked store where it exists), so the
    /// caller guarantees the footprint lies inside the buffer, which is what the buffers' slack is for.
    /// </summary>
    static abstract void StoreFirst(TSelf value, ref float destination, nuint index, int lanes);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(float value);

    /// <summary><c>a·b + addend</c>, fused where the hardware has it.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf addend);

    /// <summary>
    /// <c>a·b + addend</c> with the scalar <paramref name="a"/> in every lane: the same result as
    /// <c>MultiplyAdd(Broadcast(a), b, addend)</c>, written as one operation so that a scalar read from memory
    /// becomes the multiply-add's own broadcast operand (AVX-512's <c>{1to16}</c>) instead of a broadcast into a
    /// register of its own, which the JIT then also copies into the accumulator after every multiply-add.
    /// </summary>
    static abstract TSelf MultiplyAdd(float a, TSelf b, TSelf addend);

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Lane-wise quotient, correctly rounded on every width.</summary>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Lane-wise square root, correctly rounded on every width.</summary>
    static abstract TSelf Sqrt(TSelf value);

    /// <summary>The sum of all lanes, added in a fixed order so results do not depend on alignment.</summary>
    static abstract float Sum(TSelf value);

    /// <summary><c>max(x, 0)</c> with NaN kept, as PyTorch's ReLU: cheap enough to fuse into a product's stores.</summary>
    static abstract TSelf Relu(TSelf x);

    /// <summary>The activation applied lane-wise; NaN propagates as in PyTorch.</summary>
    static abstract TSelf Activate(Activation activation, TSelf x);

    /// <summary><c>dy ⊙ f′</c> with the derivative expressed through the activation's output <paramref name="y"/>.</summary>
    static abstract TSelf ActivationBackward(Activation activation, TSelf y, TSelf dy);

    /// <summary>
    /// Per lane, <paramref name="candidate"/> where it is greater than <paramref name="current"/> or is NaN, else
    /// <paramref name="current"/>: one step of PyTorch's max scan (<c>val &gt; max || isnan(val)</c>, as in its max
    /// pool). A scan from −∞ keeps the first of equal values (−0 then +0 stays −0) and the last NaN it meets, and a NaN
    /// already held stays until another NaN replaces it; every width selects the same bits.
    /// </summary>
    static abstract TSelf SelectGreaterOrNaN(TSelf current, TSelf candidate);
}
