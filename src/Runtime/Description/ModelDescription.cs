namespace Specialized;

/// <summary>
/// A generated model's graph as data, for tools that translate it (the ONNX exporter, a viewer): the
/// values with their per-sample shapes, and the nodes in execution order, each with its options and the
/// names of the tensors it owns. The generator emits one per declared model from the same plan as its
/// passes, so it always matches them. Immutable.
/// </summary>
/// <remarks>
/// Value 0 is the model's input; shapes leave out the batch: <c>[F]</c> for vectors, <c>[C, H, W]</c> for
/// images, <c>[T, F]</c> for sequences. A node reads values that earlier nodes (or the input) wrote and writes
/// exactly one new value.
/// </remarks>
public sealed class ModelDescription
{
    /// <summary>Describes a graph; checks that every node reads only values defined before it.</summary>
    /// <param name="name">The model's full type name.</param>
    /// <param name="values">Every value, value 0 being the input; a value's id is its index.</param>
    /// <param name="nodes">The nodes in execution order.</param>
    /// <param name="outputValue">The value the model outputs.</param>
    public ModelDescription(string name, IReadOnlyList<ValueDescription> values, IReadOnlyList<NodeDescription> nodes, int outputValue)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(nodes);
        if (values.Count == 0) throw new ArgumentException("A graph needs at least its input value.", nameof(values));
        ArgumentOutOfRangeException.ThrowIfNegative(outputValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(outputValue, values.Count);
        var defined = new bool[values.Count];
        defined[0] = true;
        foreach (NodeDescription node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
            foreach (int input in node.Inputs)
            {
                if (input < 0 || input >= values.Count || !defined[input])
                    throw new ArgumentException($"Node '{node.Name}' reads value {input}, which no earlier node writes (values 0 to {values.Count - 1}).", nameof(nodes));
            }
            if (node.Output <= 0 || node.Output >= values.Count || defined[node.Output])
                throw new ArgumentException($"Node '{node.Name}' writes value {node.Output}: each node needs a new value between 1 and {values.Count - 1}.", nameof(nodes));
            defined[node.Output] = true;
        }
        Name = name;
        Values = values;
        Nodes = nodes;
        OutputValue = outputValue;
    }

    /// <summary>The model's full type name, e.g. <c>Demo.DigitsMlp</c>.</summary>
    public string Name { get; }

    /// <summary>Every value; a value's id is its index, value 0 is the input.</summary>
    public IReadOnlyList<ValueDescription> Values { get; }

    /// <summary>The nodes in execution order.</summary>
    public IReadOnlyList<NodeDescription> Nodes { get; }

    /// <summary>The id of the value the model outputs.</summary>
    public int OutputValue { get; }

    /// <summary>The shape of one input sample (value 0).</summary>
    public IReadOnlyList<int> InputShape => Values[0].Shape;

    /// <summary>The shape of one output sample.</summary>
    public IReadOnlyList<int> OutputShape => Values[OutputValue].Shape;
}
