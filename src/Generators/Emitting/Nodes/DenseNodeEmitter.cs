using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>Dense layers (and residual projections): <c>DenseNode</c> calls over the packed Wᵀ and bias.</summary>
internal sealed class DenseNodeEmitter : INodeEmitter
{
    public static DenseNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node)
    {
        var dense = (DenseNodePlan)node;
        return $"Dense {Int(dense.Units)}" + (dense.Activation == ActivationKind.Identity ? "" : ", " + dense.Activation) + (dense.Bias ? "" : ", no bias");
    }

    public long Flops(NodePlan node)
    {
        var dense = (DenseNodePlan)node;
        return 2L * dense.InputCount * dense.Units;
    }

    public int Parameters(NodePlan node) => ((DenseNodePlan)node).ParameterCount;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var dense = (DenseNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IDenseLayer {{ public static int Inputs => {Int(dense.InputCount)}; public static int Units => {Int(dense.Units)}; " +
               $"public static bool HasBias => {(dense.Bias ? "true" : "false")}; public static Activation Activation => Activation.{dense.Activation}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
        var dense = (DenseNodePlan)node;
        w.Line($"DenseNode.Initialize<{PassContext.ShapeName(node)}>({pass.Parameters(dense.Offset)}, Initializer.{dense.Initializer}, random);");
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var dense = (DenseNodePlan)node;
        w.Line($"DenseNode.Forward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[0])}, {pass.Parameters(dense.Offset)}, {pass.Value(node.Output)}, rows);");
    }

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var dense = (DenseNodePlan)node;
        int input = node.Inputs[0];
        w.Line($"DenseNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Value(input)}, {pass.Value(node.Output)}, {pass.Gradient(node.Output)}, " +
               $"{pass.Parameters(dense.Offset)}, {pass.ParameterGradients(dense.Offset)}, {pass.Gradient(input)}, {PassContext.Mode(node.InputGradients[0])}, t.Scratch, rows);");
    }
}
