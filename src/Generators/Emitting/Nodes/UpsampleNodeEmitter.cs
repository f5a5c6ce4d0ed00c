using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>Nearest-neighbour upsampling: <c>UpsampleNode</c> repeats each value Factor × Factor times; backward sums each block.</summary>
internal sealed class UpsampleNodeEmitter : INodeEmitter
{
    public static UpsampleNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node) => $"Upsample ×{Int(((UpsampleNodePlan)node).Factor)}, nearest";

    public long Flops(NodePlan node) => 0;

    public int Parameters(NodePlan node) => 0;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var up = (UpsampleNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IUpsampleLayer {{ public static int Channels => {Int(up.Channels)}; public static int InHeight => {Int(up.InHeight)}; public static int InWidth => {Int(up.InWidth)}; public static int Factor => {Int(up.Factor)}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass) =>
        w.Line($"UpsampleNode.Forward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[0])}, {pass.Value(node.Output)}, rows);");

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass) =>
        w.Line($"UpsampleNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Gradient(node.Output)}, {pass.Gradient(node.Inputs[0])}, {PassContext.Mode(node.InputGradients[0])}, rows);");
}
