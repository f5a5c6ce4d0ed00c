using System.Collections.Generic;
using System.Linq;
using Specialized.Generators.Infrastructure;
using Specialized.Generators.Parsing;

namespace Specialized.Generators.Planning;

/// <summary>
/// Whether a model can run one time step at a time (the generated <c>ResetState</c>/<c>Step</c>): its input is a
/// sequence; while values are sequences, only recurrent and Dropout layers (Dropout is the identity at
/// inference); once the last recurrent layer passes on its last state, only Dense and Dropout layers. Each of
/// those maps step t's input (and the carried state) to step t's output; any other layer (a residual block,
/// BatchNorm, whatever a later version adds) is refused rather than guessed at. One rule for the parser's
/// diagnostic (SPEC034 on <c>Streaming = true</c>) and the planner's decision.
/// </summary>
internal static class StreamingCheck
{
    /// <summary>Why the model cannot stream and what to change, or null when it can.</summary>
    public static (string Reason, string Fix)? WhyNot(EquatableArray<int> input, IReadOnlyList<LayerSpec> layers)
    {
        if (!Shapes.IsSequence(input))
            return ("its input is not a sequence", "declare the model with Sequence and Features and at least one recurrent layer");
        if (!layers.Any(l => l is RecurrentSpec))
            return ("it has no recurrent layer to carry state from step to step", "add an Rnn, Lstm or Gru layer");
        bool sequence = true;
        foreach (LayerSpec layer in layers)
        {
            switch (layer)
            {
                case RecurrentSpec recurrent:
                    sequence = recurrent.ReturnSequences;
                    break;
                case DropoutSpec:
                    break;
                case DenseSpec when !sequence:
                    break;
                default:
                    return ($"layer {layer.Name} ({Kind(layer)}) has no per-step form", "use only recurrent, Dropout and (after the last recurrent layer) Dense layers, or drop Streaming = true");
            }
        }
        return null;
    }

    private static string Kind(LayerSpec layer)
    {
        string name = layer.GetType().Name;
        return name.EndsWith("Spec", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 4) : name;
    }
}
