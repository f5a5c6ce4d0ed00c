using System.Globalization;
using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;

namespace Specialized.Generators.Emitting;

/// <summary>
/// Emits a dense layer's three products for one register width: the forward pass
/// <c>Y = act(X·Wᵀ + b)</c>, the weight gradient <c>dWᵀ = Xᵀ·dZ</c> and the input gradient
/// <c>dX = dZ·W</c> (W is the transposed copy the backward pass prepares).
/// </summary>
internal sealed class DenseLayerEmitter : ILayerEmitter
{
    public static DenseLayerEmitter Instance { get; } = new();

    public string ForwardMethod(DenseLayerPlan layer, VectorFlavor f) => $"Dense{layer.Index}Forward{f.Suffix}";

    public string WeightGradientMethod(DenseLayerPlan layer, VectorFlavor f) => $"Dense{layer.Index}WeightGradient{f.Suffix}";

    public string InputGradientMethod(DenseLayerPlan layer, VectorFlavor f) => $"Dense{layer.Index}InputGradient{f.Suffix}";

    public void Emit(CodeWriter w, DenseLayerPlan layer, VectorFlavor f, bool needsInputGradient)
    {
        string shape = $"[rows, {I(layer.Inputs)}] → [rows, {I(layer.Units)}]";

        w.Line($"/// <summary>Layer {I(layer.Index)} forward ({f.SimdWidth}): {shape}, Y = {Describe(layer.Activation)}(X·Wᵀ + b).</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private static void {ForwardMethod(layer, f)}(ref float a, ref float parameters, ref float y, int rows)"))
        {
            w.Line($"ref float b = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref parameters, {I(layer.WeightOffset)});");
            w.Line($"ref float bias = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref parameters, {I(layer.BiasOffset)});");
            GemmEmitter.EmitBody(w, f, new GemmSpec(layer.Units, I(layer.Inputs), LeftOperandOrder.RowMajor, 0, HasBias: true, layer.Activation));
        }
        w.Line();

        w.Line($"/// <summary>Layer {I(layer.Index)} weight gradient ({f.SimdWidth}): dWᵀ[{I(layer.Inputs)}, {I(layer.Units)}] = Xᵀ·dZ over the batch.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private static void {WeightGradientMethod(layer, f)}(ref float a, ref float b, ref float gradients, int depth)"))
        {
            w.Line($"ref float y = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref gradients, {I(layer.WeightOffset)});");
            w.Line($"const int rows = {I(layer.Inputs)};");
            GemmEmitter.EmitBody(w, f, new GemmSpec(layer.Units, "depth", LeftOperandOrder.Transposed, layer.Inputs, HasBias: false, ActivationKind.Identity));
        }
        w.Line();

        if (!needsInputGradient) return;
        w.Line($"/// <summary>Layer {I(layer.Index)} input gradient ({f.SimdWidth}): dX[rows, {I(layer.Inputs)}] = dZ·W with W [{I(layer.Units)}, {I(layer.Inputs)}].</summary>");
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private static void {InputGradientMethod(layer, f)}(ref float a, ref float b, ref float y, int rows)"))
            GemmEmitter.EmitBody(w, f, new GemmSpec(layer.Inputs, I(layer.Units), LeftOperandOrder.RowMajor, 0, HasBias: false, ActivationKind.Identity));
        w.Line();
    }

    private static string Describe(ActivationKind activation) => activation == ActivationKind.Identity ? "" : activation.ToString();

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
