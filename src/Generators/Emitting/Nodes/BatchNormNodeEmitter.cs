using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>Batch normalization: batch statistics in training, running statistics in inference.</summary>
internal sealed class BatchNormNodeEmitter : INodeEmitter
{
    public static BatchNormNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node)
    {
        var norm = (BatchNormNodePlan)node;
        return "BatchNorm" + (norm.Activation == ActivationKind.Identity ? "" : ", " + norm.Activation);
    }

    public long Flops(NodePlan node)
    {
        var norm = (BatchNormNodePlan)node;
        return 2L * norm.Channels * norm.Spatial;
    }

    public int Parameters(NodePlan node) => 2 * ((BatchNormNodePlan)node).Channels;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var norm = (BatchNormNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IBatchNormLayer {{ public static int Channels => {Int(norm.Channels)}; public static int Spatial => {Int(norm.Spatial)}; " +
               $"public static float Epsilon => {Float(norm.Epsilon)}; public static float Momentum => {Float(norm.Momentum)}; public static Activation Activation => Activation.{norm.Activation}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
        // PyTorch's reset: weight 1, bias 0, running mean 0, running variance 1, no batches tracked.
        var norm = (BatchNormNodePlan)node;
        w.Line($"p.Slice({Int(norm.ParameterOffset)}, {Int(norm.Channels)}).Fill(1f);");
        w.Line($"s.Buffers.Slice({Int(norm.BufferOffset + norm.Channels)}, {Int(norm.Channels)}).Fill(1f);");
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var norm = (BatchNormNodePlan)node;
        string shape = PassContext.ShapeName(node);
        string input = pass.Value(node.Inputs[0]), output = pass.Value(node.Output);
        if (pass.Kind == PassKind.Inference)
        {
            w.Line($"BatchNormNode.ForwardInference<{shape}, TReg>({input}, {pass.Parameters(norm.ParameterOffset)}, {pass.Buffers(norm.BufferOffset)}, {output}, rows);");
            return;
        }
        w.Line($"BatchNormNode.ForwardTraining<{shape}, TReg>({input}, {pass.Parameters(norm.ParameterOffset)}, {pass.Buffers(norm.BufferOffset)}, ref n[{Int(norm.CounterIndex)}], {output}, {Saved(norm)}, rows);");
    }

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var norm = (BatchNormNodePlan)node;
        int input = node.Inputs[0];
        w.Line($"BatchNormNode.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Output)}, {pass.Gradient(node.Output)}, {pass.Parameters(norm.ParameterOffset)}, " +
               $"{pass.ParameterGradients(norm.ParameterOffset)}, {Saved(norm)}, {pass.Gradient(input)}, {PassContext.Mode(node.InputGradients[0])}, rows);");
    }

    private static string Saved(BatchNormNodePlan norm) =>
        $"t.Saved({Int(norm.SavedIndex)}, BatchNormNode.SavedLength<{PassContext.ShapeName(norm)}>(rows))";
}
