using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>Inverted dropout: a counter-keyed mask in training, nothing at all in inference (its output is its input).</summary>
internal sealed class DropoutNodeEmitter : INodeEmitter
{
    public static DropoutNodeEmitter Instance { get; } = new();

    public string Describe(NodePlan node) => $"Dropout p = {((DropoutNodePlan)node).Probability.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    public long Flops(NodePlan node) => 0;

    public int Parameters(NodePlan node) => 0;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var dropout = (DropoutNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IDropoutLayer {{ public static int Features => {Int(dropout.Features)}; public static float Probability => {Float(dropout.Probability)}; public static int Stream => {Int(dropout.Stream)}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var dropout = (DropoutNodePlan)node;
        if (pass.Kind == PassKind.Inference)
        {
            w.Line("// identity in inference: the next layer reads its input");
            return;
        }
        w.Line($"DropoutNode.ForwardTraining<{PassContext.ShapeName(node)}, TReg>({pass.Value(node.Inputs[0])}, {pass.Value(node.Output)}, {Mask(dropout)}, s.Seed, s.Step, rows);");
    }

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var dropout = (DropoutNodePlan)node;
        int input = node.Inputs[0];
        w.Line($"DropoutNode.Backward<{PassContext.ShapeName(node)}, TReg>({Mask(dropout)}, {pass.Gradient(node.Output)}, {pass.Gradient(input)}, {PassContext.Mode(node.InputGradients[0])}, rows);");
    }

    private static string Mask(DropoutNodePlan dropout) => $"t.Saved({Int(dropout.SavedIndex)}, rows * {Int(dropout.Features)})";
}
