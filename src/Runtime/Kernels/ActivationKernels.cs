using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Specialized.Kernels;

/// <summary>
/// Element-wise backward passes through activations over whole batches: <c>dy ← dy ⊙ f′</c>,
/// with <c>f′</c> read from the activation's output <c>y</c>. Memory-bound, so one vectorized loop
/// serves every shape.
/// </summary>
public static class ActivationKernels
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
}
