using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>2-D convolutions (and residual projections on images): <c>Conv2DNode</c> calls over PyTorch's [out, in, k, k] weights.</summary>
internal sealed class Conv2DNodeEmitter : INodeEmitter
{
    public static Conv2DNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node)
    {
        var conv = (Conv2DNodePlan)node;
        string text = $"Conv2D {Int(conv.OutChannels)}@{Int(conv.Kernel)}×{Int(conv.Kernel)}";
        if (conv.Stride != 1) text += $" stride {Int(conv.Stride)}";
        if (conv.Padding != 0) text += $" pad {Int(conv.Padding)}";
        if (conv.Activation != ActivationKind.Identity) text += ", " + conv.Activation;
        if (!conv.Bias) text += ", no bias";
        if (Shapes.DropsRemainder(conv.InHeight, conv.Kernel, conv.Stride, conv.Padding) || Shapes.DropsRemainder(conv.InWidth, conv.Kernel, conv.Stride, conv.Padding))
            text += " (floor: the last rows or columns of the padded input are not covered)";
        return text;
    }

    public long Flops(NodePlan node)
    {
        var conv = (Conv2DNodePlan)node;
        return 2L * conv.OutChannels * conv.OutHeight * conv.OutWidth * conv.InChannels * conv.Kernel * conv.Kernel;
    }

    public int Parameters(NodePlan node) => ((Conv2DNodePlan)node).ParameterCount;

    public string? ScratchLength(NodePlan node) => $"Conv2DNode.ScratchLength<{PassContext.ShapeName(node)}>()";

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var c = (Conv2DNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IConv2DLayer {{ public static int InChannels => {Int(c.InChannels)}; public static int InHeight => {Int(c.InHeight)}; public static int InWidth => {Int(c.InWidth)}; " +
               $"public static int OutChannels => {Int(c.OutChannels)}; public static int KernelHeight => {Int(c.Kernel)}; public static int KernelWidth => {Int(c.Kernel)}; public static int Stride => {Int(c.Stride)}; public static int Padding => {Int(c.Padding)}; " +
               $"public static int OutHeight => {Int(c.OutHeight)}; public static int OutWidth => {Int(c.OutWidth)}; public static bool HasBias => {(c.Bias ? "true" : "false")}; public static Activation Activation => Activation.{c.Activation}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
        var conv = (Conv2DNodePlan)node;
        w.Line($"Conv2DNode.Initialize<{PassContext.ShapeName(node)}>({pass.Parameters(conv.Offset)}, Initializer.{conv.Initializer}, random);");
    }

    /// <summary>
    /// The kernel rule, from <c>benchmarks/Specialized.Benchmarks/Conv/Conv2DBenchmarks.cs</c> (direct against
    /// im2col + product on the digits and LeNet layer shapes): the direct convolution computes every output
    /// row on the padded width, so it wins while the dropped columns stay few: stride 1 and a padded width
    /// of at most 1.5× the output width. Everything else (strides, wide kernels on narrow images) lowers to im2col.
    /// </summary>
    internal static bool UsesDirectKernel(Conv2DNodePlan conv) =>
        conv.Stride == 1 && 2 * (conv.InWidth + 2 * conv.Padding) <= 3 * conv.OutWidth;

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var conv = (Conv2DNodePlan)node;
        string kernel = UsesDirectKernel(conv) ? "ForwardDirect" : "Forward";
        w.Line($"Conv2DNode.{kernel}<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[0])}, {pass.Parameters(conv.Offset)}, {pass.Value(node.Output)}, {pass.Work}, rows);");
    }

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var conv = (Conv2DNodePlan)node;
        int input = node.Inputs[0];
        w.Line($"Conv2DNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Value(input)}, {pass.Value(node.Output)}, {pass.Gradient(node.Output)}, " +
               $"{pass.Parameters(conv.Offset)}, {pass.ParameterGradients(conv.Offset)}, {pass.Gradient(input)}, {PassContext.Mode(node.InputGradients[0])}, t.Scratch, rows);");
    }
}
