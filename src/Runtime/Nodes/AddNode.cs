using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>The shape of a join <c>y = act(left + right)</c> (a residual block's sum) as compile-time constants.</summary>
public interface IAddLayer : IActivated
{
    /// <summary>Floats per sample of each operand and of the result.</summary>
    static abstract int Features { get; }
}

/// <summary>
/// The join of a residual block: <c>y = act(body + shortcut)</c>. Backward sends the same gradient to
/// both operands, storing or adding as each operand's <see cref="GradientMode"/> says (the shortcut's
/// value is also read by the body, so one of them adds).
/// </summary>
public static class AddNode
{
    /// <summary><c>outputs = act(left + right)</c> over <paramref name="rows"/> samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLayer, TReg>(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> outputs, int rows)
        where TLayer : struct, IAddLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        long n = (long)rows * TLayer.Features;
        BufferLayout.Require(left.Length, n, nameof(left), "a residual join", slack: false);
        BufferLayout.Require(right.Length, n, nameof(right), "a residual join", slack: false);
        BufferLayout.Require(outputs.Length, n, nameof(outputs), "a residual join", slack: false);
        ref float a = ref MemoryMarshal.GetReference(left);
        ref float b = ref MemoryMarshal.GetReference(right);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        int i = 0, length = (int)n;
        for (; i + TReg.Count <= length; i += TReg.Count)
            TReg.Store(TReg.Activate(TLayer.Activation, TReg.Load(ref a, (nuint)i) + TReg.Load(ref b, (nuint)i)), ref y, (nuint)i);
        for (; i < length; i++)
            FloatScalar.Store(FloatScalar.Activate(TLayer.Activation, FloatScalar.Load(ref a, (nuint)i) + FloatScalar.Load(ref b, (nuint)i)), ref y, (nuint)i);
    }

    /// <summary>
    /// Turns <paramref name="outputGradient"/> into the gradient of the sum (through the activation, read
    /// from <paramref name="outputs"/>), then writes it to each operand's gradient as its mode says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(ReadOnlySpan<float> outputs, Span<float> outputGradient,
        Span<float> leftGradient, GradientMode leftMode, Span<float> rightGradient, GradientMode rightMode, int rows)
        where TLayer : struct, IAddLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        long n = (long)rows * TLayer.Features;
        BufferLayout.Require(outputs.Length, n, nameof(outputs), "a residual join", slack: false);
        BufferLayout.Require(outputGradient.Length, n, nameof(outputGradient), "a residual join", slack: false);
        Span<float> dz = outputGradient.Slice(0, (int)n);
        Elementwise.ActivationBackward<TLayer, TReg>(outputs, dz);
        Write<TReg>(dz, leftGradient, leftMode, nameof(leftGradient));
        Write<TReg>(dz, rightGradient, rightMode, nameof(rightGradient));
    }

    private static void Write<TReg>(ReadOnlySpan<float> gradient, Span<float> destination, GradientMode mode, string paramName)
        where TReg : struct, IFloatRegister<TReg>
    {
        if (mode == GradientMode.None) return;
        BufferLayout.Require(destination.Length, gradient.Length, paramName, "a residual join", slack: false);
        if (mode == GradientMode.Store) gradient.CopyTo(destination);
        else Elementwise.AddInto<TReg>(destination, gradient);
    }
}
