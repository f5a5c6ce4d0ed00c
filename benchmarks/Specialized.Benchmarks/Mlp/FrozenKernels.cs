using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;
using System.Runtime.Intrinsics;

namespace Specialized.Benchmarks.Mlp;

/// <summary>
/// The runtime helpers the pre-graph generated code called (its activation backward and column sums,
/// 256-bit only), kept verbatim beside <see cref="FrozenDigitsMlp"/> so the baseline stays what it was.
/// Element-wise backward passes through activations over whole batches: <c>dy ← dy ⊙ f′</c>,
/// with <c>f′</c> read from the activation's output <c>y</c>. Memory-bound, so one vectorized loop
/// serves every shape.
/// </summary>
public static class FrozenKernels
{
    /// <summary>Multiplies <paramref name="gradient"/> in place by the derivative of <paramref name="activation"/> at the outputs <paramref name="outputs"/>.</summary>
    public static void Backward(Activation activation, ReadOnlySpan<float> outputs, Span<float> gradient)
    {
        Require.Length<float>(gradient, outputs.Length, nameof(gradient), "same length as the outputs");
        switch (activation)
        {
            case Activation.Identity: return;
            case Activation.Relu: Run<ReluBackward>(outputs, gradient); return;
            case Activation.LeakyRelu: Run<LeakyReluBackward>(outputs, gradient); return;
            case Activation.Elu: Run<EluBackward>(outputs, gradient); return;
            case Activation.Sigmoid: Run<SigmoidBackward>(outputs, gradient); return;
            case Activation.Tanh: Run<TanhBackward>(outputs, gradient); return;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    private interface IBackward
    {
        static abstract float Apply(float y, float dy);
        static abstract Vector256<float> Apply(Vector256<float> y, Vector256<float> dy);
    }

    private static void Run<TOp>(ReadOnlySpan<float> outputs, Span<float> gradient) where TOp : struct, IBackward
    {
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float dy = ref MemoryMarshal.GetReference(gradient);
        int i = 0, n = outputs.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
                TOp.Apply(Vector256.LoadUnsafe(ref y, (nuint)i), Vector256.LoadUnsafe(ref dy, (nuint)i)).StoreUnsafe(ref dy, (nuint)i);
        }
        for (; i < n; i++) gradient[i] = TOp.Apply(outputs[i], gradient[i]);
    }

    private readonly struct ReluBackward : IBackward
    {
        public static float Apply(float y, float dy) => Activations.ReluBackward(y, dy);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> dy) => Activations.ReluBackward(y, dy);
    }

    private readonly struct LeakyReluBackward : IBackward
    {
        public static float Apply(float y, float dy) => Activations.LeakyReluBackward(y, dy);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> dy) => Activations.LeakyReluBackward(y, dy);
    }

    private readonly struct EluBackward : IBackward
    {
        public static float Apply(float y, float dy) => Activations.EluBackward(y, dy);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> dy) => Activations.EluBackward(y, dy);
    }

    private readonly struct SigmoidBackward : IBackward
    {
        public static float Apply(float y, float dy) => Activations.SigmoidBackward(y, dy);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> dy) => Activations.SigmoidBackward(y, dy);
    }

    private readonly struct TanhBackward : IBackward
    {
        public static float Apply(float y, float dy) => Activations.TanhBackward(y, dy);
        public static Vector256<float> Apply(Vector256<float> y, Vector256<float> dy) => Activations.TanhBackward(y, dy);
    }

    /// <summary>Sums each column of row-major <paramref name="matrix"/> (rows × columns) into <paramref name="sums"/>.</summary>
    public static void ColumnSums(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> sums)
    {
        Require.Length(matrix, rows, columns, nameof(matrix));
        Require.Length<float>(sums, columns, nameof(sums), "one sum per column");
        ref float m = ref MemoryMarshal.GetReference(matrix);
        ref float s = ref MemoryMarshal.GetReference(sums);
        int c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 8 <= columns; c += 8)
            {
                Vector256<float> sum = Vector256<float>.Zero;
                for (int r = 0; r < rows; r++) sum += Vector256.LoadUnsafe(ref m, (nuint)(r * columns + c));
                sum.StoreUnsafe(ref s, (nuint)c);
            }
        }
        for (; c < columns; c++)
        {
            float sum = 0;
            for (int r = 0; r < rows; r++) sum += Unsafe.Add(ref m, r * columns + c);
            Unsafe.Add(ref s, c) = sum;
        }
    }
}
