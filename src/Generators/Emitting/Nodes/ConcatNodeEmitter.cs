using System.Linq;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>The join of Inception branches or a skip concatenation: one <c>ConcatNode</c> call per part, each into its channel range.</summary>
internal sealed class ConcatNodeEmitter : INodeEmitter
{
    public static ConcatNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node)
    {
        var concat = (ConcatNodePlan)node;
        return $"Concat of {concat.Joins}: {string.Join(" + ", concat.Channels.Select(Int))} channels";
    }

    public long Flops(NodePlan node) => 0;

    public int Parameters(NodePlan node) => 0;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var concat = (ConcatNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IConcatLayer {{ public static int OutChannels => {Int(concat.OutChannels)}; public static int Spatial => {Int(concat.Spatial)}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var concat = (ConcatNodePlan)node;
        int offset = 0;
        for (int i = 0; i < concat.Inputs.Count; i++)
        {
            w.Line($"ConcatNode.Forward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[i])}, {Int(offset)}, {Int(concat.Channels[i])}, {pass.Value(node.Output)}, rows);");
            offset += concat.Channels[i];
        }
    }

    // Parts in order: where one value is joined twice (two empty branches), its first part stores and the second adds.
    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var concat = (ConcatNodePlan)node;
        int offset = 0;
        for (int i = 0; i < concat.Inputs.Count; i++)
        {
            if (node.InputGradients[i] != GradientKind.None)
                w.Line($"ConcatNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Gradient(node.Output)}, {Int(offset)}, {Int(concat.Channels[i])}, {pass.Gradient(node.Inputs[i])}, {PassContext.Mode(node.InputGradients[i])}, rows);");
            offset += concat.Channels[i];
        }
    }
}
