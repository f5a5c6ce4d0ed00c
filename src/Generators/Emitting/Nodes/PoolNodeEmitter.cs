using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>Max and average pooling: a max pool saves its argmax in training so backward routes each gradient to its winner.</summary>
internal sealed class PoolNodeEmitter : INodeEmitter
{
    public static PoolNodeEmitter Instance { get; } = new();

    private static string Node(PoolNodePlan pool) => pool.IsMax ? "MaxPoolNode" : "AvgPoolNode";

    public string Describe(NodePlan node)
    {
        var pool = (PoolNodePlan)node;
        string text = $"{(pool.IsMax ? "MaxPool" : "AvgPool")} {Int(pool.Kernel)}×{Int(pool.Kernel)}";
        if (pool.Stride != pool.Kernel) text += $" stride {Int(pool.Stride)}";
        if (pool.Padding != 0) text += $" pad {Int(pool.Padding)}";
        if (Shapes.DropsRemainder(pool.InHeight, pool.Kernel, pool.Stride, pool.Padding) || Shapes.DropsRemainder(pool.InWidth, pool.Kernel, pool.Stride, pool.Padding))
            text += " (floor: the last rows or columns are dropped)";
        return text;
    }

    public long Flops(NodePlan node)
    {
        var pool = (PoolNodePlan)node;
        return (long)pool.Channels * pool.OutHeight * pool.OutWidth * pool.Kernel * pool.Kernel;
    }

    public int Parameters(NodePlan node) => 0;

    public string? ScratchLength(NodePlan node) => null;

    public void EmitShape(CodeWriter w, NodePlan node, string shapeName)
    {
        var p = (PoolNodePlan)node;
        w.Line($"internal readonly struct {shapeName} : IPoolLayer {{ public static int Channels => {Int(p.Channels)}; public static int InHeight => {Int(p.InHeight)}; public static int InWidth => {Int(p.InWidth)}; " +
               $"public static int Kernel => {Int(p.Kernel)}; public static int Stride => {Int(p.Stride)}; public static int Padding => {Int(p.Padding)}; public static int OutHeight => {Int(p.OutHeight)}; public static int OutWidth => {Int(p.OutWidth)}; }}");
    }

    public void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass)
    {
    }

    public void EmitForward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var pool = (PoolNodePlan)node;
        string shape = PassContext.ShapeName(node), input = pass.Value(node.Inputs[0]), output = pass.Value(node.Output);
        if (!pool.IsMax) w.Line($"AvgPoolNode.Forward<{shape}, TReg>({input}, {output}, rows);");
        else if (pass.Kind == PassKind.Inference) w.Line($"MaxPoolNode.ForwardInference<{shape}, TReg>({input}, {output}, rows);");
        else w.Line($"MaxPoolNode.ForwardTraining<{shape}, TReg>({input}, {output}, {Saved(pool)}, rows);");
    }

    public void EmitBackward(CodeWriter w, NodePlan node, PassContext pass)
    {
        var pool = (PoolNodePlan)node;
        string shape = PassContext.ShapeName(node), mode = PassContext.Mode(node.InputGradients[0]), input = pass.Gradient(node.Inputs[0]), output = pass.Gradient(node.Output);
        if (pool.IsMax) w.Line($"MaxPoolNode.Backward<{shape}, TReg>({Saved(pool)}, {output}, {input}, {mode}, rows);");
        else w.Line($"AvgPoolNode.Backward<{shape}, TReg>({output}, {input}, {mode}, rows);");
    }

    private static string Saved(PoolNodePlan pool) => $"t.Saved({Int(pool.SavedIndex)}, MaxPoolNode.SavedLength<{PassContext.ShapeName(pool)}>(rows))";
}
