using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// Inverted dropout in training: each element is kept with probability <c>1 − p</c> and scaled by
/// <c>1/(1 − p)</c>, so inference is the identity and needs no kernel. The mask is drawn from
/// <see cref="CounterRandom"/> keyed by (seed, <see cref="IDropoutLayer.Stream"/>, step) and counted
/// by the element's index in the batch, so the same seed and step give the same mask on every
/// width, and a step can be replayed (e.g. for finite differences).
/// </summary>
/// <remarks>
/// The mask is drawn with 64-bit integer arithmetic one element at a time (the same on every
/// path); the products with the mask run on registers of the width the caller picks. Buffers
/// need no slack.
/// </remarks>
public static class DropoutNode
{
    private const string Node = "a dropout layer";

    /// <summary>
    /// <c>outputs = inputs ⊙ mask</c> with <c>mask[i]</c> = 0 (probability p) or <c>1/(1 − p)</c>,
    /// for <c>rows·Features</c> elements; element <c>i</c> keeps when the 24-bit draw
    /// <see cref="CounterRandom.Next24"/>(key, i) is at least <c>⌈p·2²⁴⌉</c>, i.e. when
    /// <see cref="CounterRandom.Uniform"/>(key, i) ≥ p. With p = 0 the outputs are the inputs bit for
    /// bit and the mask is all ones.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short, or the layer's probability is not in [0, 1).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardTraining<TLayer, TReg>(
        ReadOnlySpan<float> inputs, Span<float> outputs, Span<float> mask, ulong seed, long step, int rows)
        where TLayer : struct, IDropoutLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        float p = TLayer.Probability;
        if (!(p >= 0f && p < 1f))
            throw new ArgumentException($"The dropout probability of {typeof(TLayer).Name} is {p}; it must be in [0, 1).", nameof(TLayer));
        long elements = (long)rows * TLayer.Features;
        BufferLayout.Require(inputs.Length, elements, nameof(inputs), Node, slack: false);
        BufferLayout.Require(outputs.Length, elements, nameof(outputs), Node, slack: false);
        BufferLayout.Require(mask.Length, elements, nameof(mask), Node, slack: false);
        int n = (int)elements;

        if (p == 0f)
        {
            inputs.Slice(0, n).CopyTo(outputs);
            mask.Slice(0, n).Fill(1f);
            return;
        }

        // Keep iff draw·2⁻²⁴ ≥ p ⇔ draw ≥ ⌈p·2²⁴⌉ (both sides exact in double).
        uint threshold = (uint)Math.Ceiling(p * (double)(1 << 24));
        float scale = 1f / (1f - p);
        ulong key = CounterRandom.Key(seed, (uint)TLayer.Stream, (ulong)step);
        ref float m = ref MemoryMarshal.GetReference(mask);
        for (int i = 0; i < n; i++)
            Unsafe.Add(ref m, i) = CounterRandom.Next24(key, (ulong)i) >= threshold ? scale : 0f;

        Multiply<TReg>(ref MemoryMarshal.GetReference(inputs), ref m, ref MemoryMarshal.GetReference(outputs), n, add: false);
    }

    /// <summary>
    /// <c>dL/dx = dL/dy ⊙ mask</c> for <c>rows·Features</c> elements, stored into or added to
    /// <paramref name="inputGradient"/> as <paramref name="mode"/> says.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TLayer, TReg>(
        ReadOnlySpan<float> mask, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, GradientMode mode, int rows)
        where TLayer : struct, IDropoutLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        long elements = (long)rows * TLayer.Features;
        BufferLayout.Require(mask.Length, elements, nameof(mask), Node, slack: false);
        BufferLayout.Require(outputGradient.Length, elements, nameof(outputGradient), Node, slack: false);
        if (mode == GradientMode.None) return;
        BufferLayout.Require(inputGradient.Length, elements, nameof(inputGradient), Node, slack: false);
        Multiply<TReg>(ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(mask),
            ref MemoryMarshal.GetReference(inputGradient), (int)elements, add: mode == GradientMode.Add);
    }

    // destination ← a ⊙ b (or destination + a ⊙ b): whole registers, then a scalar remainder.
    private static void Multiply<TReg>(ref float a, ref float b, ref float destination, int n, bool add)
        where TReg : struct, IFloatRegister<TReg>
    {
        int i = 0;
        if (add)
        {
            for (; i + TReg.Count <= n; i += TReg.Count)
                TReg.Store(TReg.Load(ref destination, (nuint)i) + TReg.Load(ref a, (nuint)i) * TReg.Load(ref b, (nuint)i), ref destination, (nuint)i);
            for (; i < n; i++) Unsafe.Add(ref destination, i) += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }
        else
        {
            for (; i + TReg.Count <= n; i += TReg.Count)
                TReg.Store(TReg.Load(ref a, (nuint)i) * TReg.Load(ref b, (nuint)i), ref destination, (nuint)i);
            for (; i < n; i++) Unsafe.Add(ref destination, i) = Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }
    }
}
