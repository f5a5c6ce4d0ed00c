using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>Transposed 2-D convolutions (a decoder's learned upsampling): <c>ConvTranspose2DNode</c> calls over PyTorch's [in, out, k, k] weights.</summary>
internal sealed class ConvTranspose2DNodeEmitter : INodeEmitter
{
    public static ConvTranspose2DNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node)
    {
        var t = (ConvTranspose2DNodePlan)node;
        string text = $"ConvTranspose2D {Int(t.OutChannels)}@{Int(t.Kernel)}×{Int(t.Kernel)}";
        if (t.Stride != 1) text += $" stride {Int(t.Stride)}";
        if (t.Padding != 0) text += $" pad {Int(t.Padding)}";
        if (t.OutputPadding != 0) text += $" output pad {Int(t.OutputPadding)}";
        if (t.Activation != ActivationKind.Identity) text += ", " + t.Activation;
        if (!t.Bias) text += ", no bias";
        return text;
    }

    public long Flops(NodePlan node)
    {
        var t = (ConvTranspose2DNodePlan)node;
        return 2L * t.InChannels * t.InHeight * t.InWidth * t.OutChannels * t.Kernel * t.Kernel;
    }

    public int Parameters(NodePlan node) => ((ConvTranspose2DNodePlan)node).ParameterCount;

    public string? ScratchLength(NodePlan node) => $"ConvTranspose2DNode.ScratchLength<{PassContext.ShapeName(node)}>()";

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var t = (ConvTranspose2DNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IConvTranspose2DLayer {{ public static int InChannels => {Int(t.InChannels)}; public static int InHeight => {Int(t.InHeight)}; public static int InWidth => {Int(t.InWidth)}; " +
               $"public static int OutChannels => {Int(t.OutChannels)}; public static int Kernel => {Int(t.Kernel)}; public static int Stride => {Int(t.Stride)}; public static int Padding => {Int(t.Padding)}; public static int OutputPadding => {Int(t.OutputPadding)}; " +
               $"public static int OutHeight => {Int(t.OutHeight)}; public static int OutWidth => {Int(t.OutWidth)}; public static bool HasBias => {(t.Bias ? "true" : "false")}; public static Activation Activation => Activation.{t.Activation}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
        var t = (ConvTranspose2DNodePlan)node;
        w.Line($"ConvTranspose2DNode.Initialize<{PassContext.ShapeName(node)}>({pass.Parameters(t.Offset)}, Initializer.{t.Initializer}, random);");
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var t = (ConvTranspose2DNodePlan)node;
        w.Line($"ConvTranspose2DNode.Forward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[0])}, {pass.Parameters(t.Offset)}, {pass.Value(node.Output)}, {pass.Work}, rows);");
    }

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var t = (ConvTranspose2DNodePlan)node;
        int input = node.Inputs[0];
        w.Line($"ConvTranspose2DNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Value(input)}, {pass.Value(node.Output)}, {pass.Gradient(node.Output)}, " +
               $"{pass.Parameters(t.Offset)}, {pass.ParameterGradients(t.Offset)}, {pass.Gradient(input)}, {PassContext.Mode(node.InputGradients[0])}, t.Scratch, rows);");
    }
}
