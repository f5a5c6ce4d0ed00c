using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>The join of a residual block: act(body + shortcut); backward feeds both.</summary>
internal sealed class AddNodeEmitter : INodeEmitter
{
    public static AddNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node)
    {
        var add = (AddNodePlan)node;
        return "Residual sum" + (add.Activation == ActivationKind.Identity ? "" : ", " + add.Activation);
    }

    public long Flops(NodePlan node) => ((AddNodePlan)node).Features;

    public int Parameters(NodePlan node) => 0;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var add = (AddNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IAddLayer {{ public static int Features => {Int(add.Features)}; public static Activation Activation => Activation.{add.Activation}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass) =>
        w.Line($"AddNode.Forward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[0])}, {pass.Value(node.Inputs[1])}, {pass.Value(node.Output)}, rows);");

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass) =>
        w.Line($"AddNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Output)}, {pass.Gradient(node.Output)}, " +
               $"{pass.Gradient(node.Inputs[0])}, {PassContext.Mode(node.InputGradients[0])}, {pass.Gradient(node.Inputs[1])}, {PassContext.Mode(node.InputGradients[1])}, rows);");
}
