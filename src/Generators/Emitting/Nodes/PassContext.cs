using System.Linq;
using Specialized.Generators.Planning;
using static Specialized.Generators.Emitting.Literals;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>Which pass is being emitted.</summary>
internal enum PassKind { Initialization, Inference, Training, Backward }

/// <summary>
/// How node emitters name things inside a pass: values (an inference scratch slot, a training
/// buffer, or the input <c>x</c>), gradients, and slices of the flat tensors.
/// </summary>
internal sealed class PassContext(ModelPlan plan, PassKind kind)
{
    public ModelPlan Plan { get; } = plan;

    public PassKind Kind { get; } = kind;

    /// <summary>The name of a node's shape struct: its label with dots as underscores ("Layer2_body_0").</summary>
    public static string ShapeName(NodePlan node) => "Layer" + node.Label.Replace('.', '_').Replace('-', '_');

    public string Value(int id)
    {
        ValuePlan value = Plan.Values[id];
        if (Kind == PassKind.Inference) value = Plan.Values[value.AliasOf];
        if (value.Id == 0) return "x";
        if (Kind == PassKind.Inference && value.Id == DirectOutput) return "y";
        return Kind == PassKind.Inference ? "slot" + Int(value.Slot) : $"t.Value({Int(value.Id)})";
    }

    /// <summary>The model's output value as inference computes it (a dropout's or flatten's input stands for it).</summary>
    public ValuePlan InferenceOutput => Plan.Values[Plan.Values[Plan.OutputValue].AliasOf];

    /// <summary>
    /// The value inference writes straight into the caller's output tile <c>y</c>, or -1: the output when a dense
    /// layer computes it (its kernel writes nothing past its rows); any other node's kernel may touch a
    /// register past its output, so its output stays in a scratch slot and is copied to <c>y</c>.
    /// </summary>
    public int DirectOutput => InferenceOutput.Id != 0 && Plan.Nodes.Any(n => n is DenseNodePlan && n.Output == InferenceOutput.Id) ? InferenceOutput.Id : -1;

    /// <summary>Per-call kernel scratch: a region after the slots in inference, the training buffers' scratch otherwise.</summary>
    public string Work => Kind == PassKind.Inference ? "work" : "t.Scratch";

    public string Gradient(int id) => id == 0 ? "default" : $"t.Gradient({Int(id)})";

    public static string Mode(GradientKind kind) => "GradientMode." + kind;

    public static string Slice(string span, int offset) => offset == 0 ? span : $"{span}[{Int(offset)}..]";

    public string Parameters(int offset) => Slice("p", offset);

    public string ParameterGradients(int offset) => Slice("g", offset);

    public string Buffers(int offset) => Slice("b", offset);
}
