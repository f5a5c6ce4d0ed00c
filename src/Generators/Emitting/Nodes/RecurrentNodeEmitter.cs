using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>RNN, LSTM and GRU layers: one node that loops over time inside its kernel (the graph is not unrolled per step).</summary>
internal sealed class RecurrentNodeEmitter : INodeEmitter
{
    public static RecurrentNodeEmitter Instance { get; } = new();

    private static string Node(RecurrentNodePlan node) => node.Kind + "Node";

    public string Describe(NodePlan node)
    {
        var r = (RecurrentNodePlan)node;
        string text = $"{r.Kind} {Int(r.Hidden)}";
        if (r.Kind == RecurrentKind.Rnn) text += ", " + r.Activation;
        return text + (r.ReturnSequences ? ", every step" : ", last step");
    }

    public long Flops(NodePlan node)
    {
        var r = (RecurrentNodePlan)node;
        return 2L * r.Sequence * Shapes.Gates(r.Kind) * r.Hidden * (r.Features + r.Hidden);
    }

    public int Parameters(NodePlan node) => ((RecurrentNodePlan)node).ParameterCount;

    public string? ScratchLength(NodePlan node) => $"{Node((RecurrentNodePlan)node)}.ScratchLength<{PassContext.ShapeName(node)}>(TileRows)";

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var r = (RecurrentNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IRecurrentLayer {{ public static int Sequence => {Int(r.Sequence)}; public static int Features => {Int(r.Features)}; public static int Hidden => {Int(r.Hidden)}; " +
               $"public static bool ReturnSequences => {(r.ReturnSequences ? "true" : "false")}; public static Activation Activation => Activation.{r.Activation}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
        var r = (RecurrentNodePlan)node;
        w.Line($"{Node(r)}.Initialize<{PassContext.ShapeName(node)}>({pass.Parameters(r.Offset)}, random);");
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var r = (RecurrentNodePlan)node;
        string shape = PassContext.ShapeName(node), input = pass.Value(node.Inputs[0]), output = pass.Value(node.Output);
        if (pass.Kind == PassKind.Inference)
            w.Line($"{Node(r)}.ForwardInference<{shape}, TReg>({input}, {pass.Parameters(r.Offset)}, {output}, work, rows);");
        else
            w.Line($"{Node(r)}.ForwardTraining<{shape}, TReg>({input}, {pass.Parameters(r.Offset)}, {output}, {Saved(r)}, {Scratch(r)}, rows);");
    }

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var r = (RecurrentNodePlan)node;
        int input = node.Inputs[0];
        w.Line($"{Node(r)}.Backward<{PassContext.ShapeName(node)}, TReg>({pass.Value(input)}, {pass.Value(node.Output)}, {pass.Gradient(node.Output)}, {pass.Parameters(r.Offset)}, " +
               $"{pass.ParameterGradients(r.Offset)}, {Saved(r)}, {pass.Gradient(input)}, {PassContext.Mode(node.InputGradients[0])}, {Scratch(r)}, rows);");
    }

    private static string Saved(RecurrentNodePlan r) => $"t.Saved({Int(r.SavedIndex)}, {Node(r)}.SavedLength<{PassContext.ShapeName(r)}>(rows))";

    // The training pass's scratch grows with the batch, so it lives with the saved state rather than in the fixed scratch.
    private static string Scratch(RecurrentNodePlan r) => $"t.Saved({Int(r.ScratchIndex)}, {Node(r)}.ScratchLength<{PassContext.ShapeName(r)}>(rows))";
}
