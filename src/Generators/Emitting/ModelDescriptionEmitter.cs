using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Specialized.Generators.Parsing;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting;

/// <summary>
/// Emits a model's <c>ModelDescription</c> (inside its graph struct): the plan's values and nodes as runtime
/// data for tools such as the ONNX exporter. A node kind adds one case to <see cref="Node"/>; a kind without
/// one is described as opaque (its operation name only), so the description never fails to compile and a
/// tool names the node it cannot translate.
/// </summary>
internal static class ModelDescriptionEmitter
{
    public static void Emit(CodeWriter w, ModelPlan plan)
    {
        w.Line("/// <summary>The graph as data (values, nodes with their options and tensors), for tools such as the ONNX exporter.</summary>");
        w.Line($"public static ModelDescription Description {{ get; }} = new({String(plan.FullName)},");
        w.Line("    [" + string.Join(", ", plan.Values.Select(v => $"new ValueDescription({Shape(v.Shape)})")) + "],");
        w.Line("    [");
        foreach (NodePlan node in plan.Nodes) w.Line($"        {Node(node, TensorsOf(plan, node))},");
        w.Line("    ],");
        w.Line($"    outputValue: {Int(plan.OutputValue)});");
        w.Line();
    }

    // The constructor call for one node: the common part (name, inputs, output, tensors), then the kind's options.
    private static string Node(NodePlan node, string tensors)
    {
        string common = $"{String(node.Label)}, {Shape(node.Inputs)}, {Int(node.Output)}, {tensors}";
        return node switch
        {
            DenseNodePlan dense => $"new DenseNodeDescription({common}, Units: {Int(dense.Units)}, {Activation(dense.Activation)}, Bias: {Bool(dense.Bias)})",
            BatchNormNodePlan norm => $"new BatchNormNodeDescription({common}, {Activation(norm.Activation)}, Epsilon: {Double(norm.Epsilon)}, Momentum: {Double(norm.Momentum)})",
            DropoutNodePlan dropout => $"new DropoutNodeDescription({common}, Probability: {Double(dropout.Probability)})",
            AddNodePlan add => $"new AddNodeDescription({common}, {Activation(add.Activation)})",
            Conv2DNodePlan conv => $"new Conv2DNodeDescription({common}, Filters: {Int(conv.OutChannels)}, Kernel: {Int(conv.Kernel)}, Stride: {Int(conv.Stride)}, " +
                                   $"Padding: {Int(conv.Padding)}, {Activation(conv.Activation)}, Bias: {Bool(conv.Bias)})",
            PoolNodePlan pool => $"new PoolNodeDescription({common}, PoolMode.{(pool.IsMax ? "Max" : "Average")}, Kernel: {Int(pool.Kernel)}, Stride: {Int(pool.Stride)}, Padding: {Int(pool.Padding)})",
            GlobalAvgPoolNodePlan => $"new GlobalAvgPoolNodeDescription({common})",
            RecurrentNodePlan recurrent => $"new RecurrentNodeDescription({common}, RecurrentCell.{recurrent.Kind}, Hidden: {Int(recurrent.Hidden)}, " +
                                           $"ReturnSequences: {Bool(recurrent.ReturnSequences)}, {Activation(recurrent.Activation)})",
            ConcatNodePlan => $"new ConcatNodeDescription({common}, Axis: 0)",
            ConvTranspose2DNodePlan deconv => $"new ConvTranspose2DNodeDescription({common}, Filters: {Int(deconv.OutChannels)}, Kernel: {Int(deconv.Kernel)}, " +
                                              $"Stride: {Int(deconv.Stride)}, Padding: {Int(deconv.Padding)}, OutputPadding: {Int(deconv.OutputPadding)}, " +
                                              $"{Activation(deconv.Activation)}, Bias: {Bool(deconv.Bias)})",
            UpsampleNodePlan upsample => $"new UpsampleNodeDescription({common}, Factor: {Int(upsample.Factor)}, UpsampleMode.Nearest)",
            _ => $"new OpaqueNodeDescription({common}, Operation: {String(Operation(node))})",
        };
    }

    // "ConcatNodePlan" → "Concat".
    private static string Operation(NodePlan node)
    {
        string name = node.GetType().Name;
        return name.EndsWith("NodePlan", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "NodePlan".Length) : name;
    }

    // A node owns the tensors named "<label>.<suffix>" with no further dot: a residual block's label is a prefix of
    // its body's tensor names ("2.body.0.weight"), which belong to the body's nodes.
    private static string TensorsOf(ModelPlan plan, NodePlan node)
    {
        string prefix = node.Label + ".";
        IEnumerable<string> owned = plan.Tensors
            .Where(t => t.Name.StartsWith(prefix, System.StringComparison.Ordinal) && t.Name.IndexOf('.', prefix.Length) < 0)
            .Select(t => String(t.Name));
        return "[" + string.Join(", ", owned) + "]";
    }

    private static string Activation(ActivationKind activation) => "Activation." + activation;

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Double(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
