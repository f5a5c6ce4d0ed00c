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
        if (TActivation.Activation == Activation.Identity) return;
        ref float v = ref MemoryMarshal.GetReference(values);
        int i = 0, n = values.Length;
        for (; i + TReg.Count <= n; i += TReg.Count)
            TReg.Store(TReg.Activate(TActivation.Activation, TReg.Load(ref v, (nuint)i)), ref v, (nuint)i);
        for (; i < n; i++)
            FloatScalar.Store(FloatScalar.Activate(TActivation.Activation, FloatScalar.Load(ref v, (nuint)i)), ref v, (nuint)i);
    }

    /// <summary><c>gradient ← gradient ⊙ f′</c>, with f′ read from the activation's <paramref name="outputs"/>.</summary>
    public static void ActivationBackward<TActivation, TReg>(ReadOnlySpan<float> outputs, Span<float> gradient)
        where TActivation : struct, IActivated
        where TReg : struct, IFloatRegister<TReg>
    {
        if (TActivation.Activation == Activation.Identity) return;
        if (outputs.Length < gradient.Length)
            throw new ArgumentException($"outputs has {outputs.Length} floats; expected at least {gradient.Length}, one per gradient.", nameof(outputs));
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float dy = ref MemoryMarshal.GetReference(gradient);
        int i = 0, n = gradient.Length;
        for (; i + TReg.Count <= n; i += TReg.Count)
            TReg.Store(TReg.ActivationBackward(TActivation.Activation, TReg.Load(ref y, (nuint)i), TReg.Load(ref dy, (nuint)i)), ref dy, (nuint)i);
        for (; i < n; i++)
            FloatScalar.Store(FloatScalar.ActivationBackward(TActivation.Activation, FloatScalar.Load(ref y, (nuint)i), FloatScalar.Load(ref dy, (nuint)i)), ref dy, (nuint)i);
    }

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
