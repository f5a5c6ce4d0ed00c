using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>The mean of each channel: [C, H, W] → [C].</summary>
internal sealed class GlobalAvgPoolNodeEmitter : INodeEmitter
{
    public static GlobalAvgPoolNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node) => "GlobalAvgPool";

    public long Flops(NodePlan node)
    {
        var pool = (GlobalAvgPoolNodePlan)node;
        return (long)pool.Channels * pool.Spatial;
    }

    public int Parameters(NodePlan node) => 0;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var pool = (GlobalAvgPoolNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IGlobalPoolLayer {{ public static int Channels => {Int(pool.Channels)}; public static int Spatial => {Int(pool.Spatial)}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass) =>
        w.Line($"GlobalAvgPoolNode.Forward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[0])}, {pass.Value(node.Output)}, rows);");

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass) =>
        w.Line($"GlobalAvgPoolNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Gradient(node.Output)}, {pass.Gradient(node.Inputs[0])}, {PassContext.Mode(node.InputGradients[0])}, rows);");
}
