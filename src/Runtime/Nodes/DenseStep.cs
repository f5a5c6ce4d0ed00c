using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Specialized.Kernels;

namespace Specialized.Nodes;

/// <summary>
/// A Dense layer on one row, for the streaming step's head: <c>y[Units] = act(x[Inputs]·Wᵀ + b)</c> from the
/// parameters as <see cref="DenseNode"/> stores them (<c>Wᵀ [Inputs, Units]</c> then the bias). The batch product
/// behind <see cref="DenseNode.Forward{TLayer, TReg}"/> pays its blocking, its bias setup and a separate activation
/// pass for every call, which at one row costs more than the arithmetic; here a register of units builds up
/// over the rows of <c>Wᵀ</c> (one broadcast of x_k, one multiply-add) and is activated in registers. Units left
/// over after the last whole register are each a dot product over <c>x</c>, in registers when the layer has one
/// unit (its weights are then a contiguous column) and in scalars otherwise. Writes exactly Units floats: no slack.
/// </summary>
public static class DenseStep
{
    private const string Node = "a dense layer's step";

    /// <summary>
    /// <paramref name="output"/> <c>[Units]</c> = the layer of <paramref name="input"/> <c>[Inputs]</c>.
    /// <paramref name="parameters"/> starts at the layer's weights; nothing is allocated; no span needs slack.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short (the exception names it).</exception>
    /// <remarks>
    /// Never inlined, like <see cref="RecurrentStep"/>'s step: inlined into a streaming model's step, which has the recurrent
    /// layers' calls and the runner's checks inlined before it, the JIT had run out of inlining budget and left the dot
    /// product and the activation as two calls inside every step: the head then cost GRU-16 + Dense(1) 3 ns of a 46 ns
    /// step, against 1–2 ns as a call of its own (interleaved minimums in one process).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Run<TLayer, TReg>(ReadOnlySpan<float> input, ReadOnlySpan<float> parameters, Span<float> output)
        where TLayer : struct, IDenseLayer
        where TReg : struct, IFloatRegister<TReg>
    {
        BufferLayout.Require(input.Length, TLayer.Inputs, nameof(input), Node, slack: false);
        BufferLayout.Require(parameters.Length, DenseNode.ParameterCount<TLayer>(), nameof(parameters), Node, slack: false);
        BufferLayout.Require(output.Length, TLayer.Units, nameof(output), Node, slack: false);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float w = ref MemoryMarshal.GetReference(parameters);
        ref float y = ref MemoryMarshal.GetReference(output);
        int units = TLayer.Units, u = 0;
        for (; u + TReg.Count <= units; u += TReg.Count)
            TReg.Store(TReg.Activate(TLayer.Activation, UnitBlock<TLayer, TReg>(ref x, ref w, (nuint)u)), ref y, (nuint)u);
        if (u == units) return;
        if (units == 1)
        {
            Unsafe.Add(ref y, 0) = Activate<TLayer>(Bias<TLayer>(ref w, 0) + ContiguousDot<TLayer, TReg>(ref x, ref w));
            return;
        }
        for (; u < units; u++)
            Unsafe.Add(ref y, u) = Activate<TLayer>(Bias<TLayer>(ref w, u) + StridedDot<TLayer>(ref x, ref w, u));
    }

    // Small helpers forced inline (with a tier-0 copy of Run they would be calls too).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Activate<TLayer>(float z) where TLayer : struct, IDenseLayer =>
        FloatScalar.Sum(FloatScalar.Activate(TLayer.Activation, FloatScalar.Broadcast(z)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Bias<TLayer>(ref float w, int u) where TLayer : struct, IDenseLayer =>
        TLayer.HasBias ? Unsafe.Add(ref w, TLayer.Inputs * TLayer.Units + u) : 0f;

    // Units [u, u + Count): two chains of accumulators on alternate k, summed at the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TR UnitBlock<TLayer, TR>(ref float x, ref float w, nuint u)
        where TLayer : struct, IDenseLayer
        where TR : struct, IFloatRegister<TR>
    {
        int inputs = TLayer.Inputs;
        nuint stride = (nuint)TLayer.Units;
        TR a = TLayer.HasBias ? TR.Load(ref w, (nuint)inputs * stride + u) : TR.Zero, b = TR.Zero;
        ref float row = ref Unsafe.Add(ref w, u);
        int k = 0;
        for (; k + 2 <= inputs; k += 2)
        {
            a = TR.MultiplyAdd(TR.Broadcast(Unsafe.Add(ref x, k)), TR.Load(ref row, 0), a);
            b = TR.MultiplyAdd(TR.Broadcast(Unsafe.Add(ref x, k + 1)), TR.Load(ref row, stride), b);
            row = ref Unsafe.Add(ref row, 2 * stride);
        }
        if (k < inputs) a = TR.MultiplyAdd(TR.Broadcast(Unsafe.Add(ref x, k)), TR.Load(ref row, 0), a);
        return a + b;
    }

    // One unit's x·w when its weights are contiguous (Units = 1): registers along k, then one horizontal sum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ContiguousDot<TLayer, TR>(ref float x, ref float w)
        where TLayer : struct, IDenseLayer
        where TR : struct, IFloatRegister<TR>
    {
        int inputs = TLayer.Inputs, k = 0;
        TR a = TR.Zero, b = TR.Zero;
        for (; k + 2 * TR.Count <= inputs; k += 2 * TR.Count)
        {
            a = TR.MultiplyAdd(TR.Load(ref x, (nuint)k), TR.Load(ref w, (nuint)k), a);
            b = TR.MultiplyAdd(TR.Load(ref x, (nuint)(k + TR.Count)), TR.Load(ref w, (nuint)(k + TR.Count)), b);
        }
        if (k + TR.Count <= inputs)
        {
            a = TR.MultiplyAdd(TR.Load(ref x, (nuint)k), TR.Load(ref w, (nuint)k), a);
            k += TR.Count;
        }
        float sum = TR.Sum(a + b);
        for (; k < inputs; k++) sum += Unsafe.Add(ref x, k) * Unsafe.Add(ref w, k);
        return sum;
    }

    // One unit's x·w read down a column of Wᵀ (stride Units), two scalar chains.
    private static float StridedDot<TLayer>(ref float x, ref float w, int u) where TLayer : struct, IDenseLayer
    {
        int inputs = TLayer.Inputs, stride = TLayer.Units, k = 0;
        float a = 0, b = 0;
        for (; k + 2 <= inputs; k += 2)
        {
            a += Unsafe.Add(ref x, k) * Unsafe.Add(ref w, k * stride + u);
            b += Unsafe.Add(ref x, k + 1) * Unsafe.Add(ref w, (k + 1) * stride + u);
        }
        if (k < inputs) a += Unsafe.Add(ref x, k) * Unsafe.Add(ref w, k * stride + u);
        return a + b;
    }
}
