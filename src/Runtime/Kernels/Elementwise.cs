using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Specialized.Kernels;

/// <summary>
/// Memory-bound element-wise kernels of the node passes, generic over the register width: whole
/// registers first, then a scalar remainder, so they need no slack and every path computes the
/// same values lane by lane.
/// </summary>
public static class Elementwise
{
    /// <summary><c>values ← f(values)</c> for the activation of <typeparamref name="TActivation"/>.</summary>
    public static void Activate<TActivation, TReg>(Span<float> values)
        where TActivation : struct, IActivated
        where TReg : struct, IFloatRegister<TReg>
    {
        // One loop per activation, each with the activation as a literal: the JIT folds the register's
        // activation switch away and inlines the one function the loop needs.
        switch (TActivation.Activation)
        {
            case Activation.Relu: Map<Unary<ReluKind>, TReg>(values); break;
            case Activation.LeakyRelu: Map<Unary<LeakyReluKind>, TReg>(values); break;
            case Activation.Elu: Map<Unary<EluKind>, TReg>(values); break;
            case Activation.Sigmoid: Map<Unary<SigmoidKind>, TReg>(values); break;
            case Activation.Tanh: Map<Unary<TanhKind>, TReg>(values); break;
        }
    }

    /// <summary><c>gradient ← gradient ⊙ f′</c>, with f′ read from the activation's <paramref name="outputs"/>.</summary>
    public static void ActivationBackward<TActivation, TReg>(ReadOnlySpan<float> outputs, Span<float> gradient)
        where TActivation : struct, IActivated
        where TReg : struct, IFloatRegister<TReg>
    {
        if (TActivation.Activation == Activation.Identity) return;
        if (outputs.Length < gradient.Length)
            throw new ArgumentException($"outputs has {outputs.Length} floats; expected at least {gradient.Length}, one per gradient.", nameof(outputs));
        switch (TActivation.Activation)
        {
            case Activation.Relu: Map<Unary<ReluKind>, TReg>(outputs, gradient); break;
            case Activation.LeakyRelu: Map<Unary<LeakyReluKind>, TReg>(outputs, gradient); break;
            case Activation.Elu: Map<Unary<EluKind>, TReg>(outputs, gradient); break;
            case Activation.Sigmoid: Map<Unary<SigmoidKind>, TReg>(outputs, gradient); break;
            case Activation.Tanh: Map<Unary<TanhKind>, TReg>(outputs, gradient); break;
        }
    }

    private static void Map<TOp, TReg>(Span<float> values)
        where TOp : struct, IUnary
        where TReg : struct, IFloatRegister<TReg>
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        int i = 0, n = values.Length;
        for (; i + TReg.Count <= n; i += TReg.Count)
            TReg.Store(TOp.Forward(TReg.Load(ref v, (nuint)i)), ref v, (nuint)i);
        for (; i < n; i++)
            FloatScalar.Store(TOp.Forward(FloatScalar.Load(ref v, (nuint)i)), ref v, (nuint)i);
    }

    private static void Map<TOp, TReg>(ReadOnlySpan<float> outputs, Span<float> gradient)
        where TOp : struct, IUnary
        where TReg : struct, IFloatRegister<TReg>
    {
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float dy = ref MemoryMarshal.GetReference(gradient);
        int i = 0, n = gradient.Length;
        for (; i + TReg.Count <= n; i += TReg.Count)
            TReg.Store(TOp.Backward(TReg.Load(ref y, (nuint)i), TReg.Load(ref dy, (nuint)i)), ref dy, (nuint)i);
        for (; i < n; i++)
            FloatScalar.Store(TOp.Backward(FloatScalar.Load(ref y, (nuint)i), FloatScalar.Load(ref dy, (nuint)i)), ref dy, (nuint)i);
    }

    private interface IUnary
    {
        static abstract TReg Forward<TReg>(TReg x) where TReg : struct, IFloatRegister<TReg>;

        static abstract TReg Backward<TReg>(TReg y, TReg dy) where TReg : struct, IFloatRegister<TReg>;
    }

    private interface IKind
    {
        static abstract Activation Value { get; }
    }

    // An activation as a type: each Map instance sees one constant and compiles one function.
    private readonly struct Unary<TKind> : IUnary where TKind : struct, IKind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TReg Forward<TReg>(TReg x) where TReg : struct, IFloatRegister<TReg> => TReg.Activate(TKind.Value, x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TReg Backward<TReg>(TReg y, TReg dy) where TReg : struct, IFloatRegister<TReg> => TReg.ActivationBackward(TKind.Value, y, dy);
    }

    private readonly struct ReluKind : IKind { public static Activation Value => Activation.Relu; }

    private readonly struct LeakyReluKind : IKind { public static Activation Value => Activation.LeakyRelu; }

    private readonly struct EluKind : IKind { public static Activation Value => Activation.Elu; }

    private readonly struct SigmoidKind : IKind { public static Activation Value => Activation.Sigmoid; }

    private readonly struct TanhKind : IKind { public static Activation Value => Activation.Tanh; }

    /// <summary>Sums each column of row-major <paramref name="matrix"/> (<paramref name="rows"/> × sums.Length) into <paramref name="sums"/>, adding rows in order.</summary>
    public static void ColumnSums<TReg>(ReadOnlySpan<float> matrix, int rows, Span<float> sums)
        where TReg : struct, IFloatRegister<TReg>
    {
        int columns = sums.Length;
        if (matrix.Length < (long)rows * columns)
            throw new ArgumentException($"matrix has {matrix.Length} floats; expected at least {(long)rows * columns} ({rows} × {columns}).", nameof(matrix));
        ref float m = ref MemoryMarshal.GetReference(matrix);
        ref float s = ref MemoryMarshal.GetReference(sums);
        int c = 0;
        for (; c + TReg.Count <= columns; c += TReg.Count)
        {
            TReg sum = TReg.Zero;
            for (int r = 0; r < rows; r++) sum += TReg.Load(ref m, (nuint)(r * columns + c));
            TReg.Store(sum, ref s, (nuint)c);
        }
        for (; c < columns; c++)
        {
            float sum = 0;
            for (int r = 0; r < rows; r++) sum += Unsafe.Add(ref m, r * columns + c);
            Unsafe.Add(ref s, c) = sum;
        }
    }

    /// <summary><c>destination ← destination + source</c> over source.Length floats.</summary>
    public static void AddInto<TReg>(Span<float> destination, ReadOnlySpan<float> source)
        where TReg : struct, IFloatRegister<TReg>
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"destination has {destination.Length} floats; expected at least {source.Length}.", nameof(destination));
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float s = ref MemoryMarshal.GetReference(source);
        int i = 0, n = source.Length;
        for (; i + TReg.Count <= n; i += TReg.Count)
            TReg.Store(TReg.Load(ref d, (nuint)i) + TReg.Load(ref s, (nuint)i), ref d, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i);
    }
}
