using Specialized.Generators.Planning;

namespace Specialized.Generators.Emitting.Nodes;

/// <summary>
/// What every node kind provides, each in its own file, so adding a layer means adding a node emitter
/// and never editing the model emitter: its shape struct, its row in the layer table, its initial
/// tensors, and its calls in each pass (forward for inference or training; backward that stores or
/// adds into its inputs' gradients, writes its parameter gradients, and reads what it saved).
/// </summary>
internal interface INodeEmitter
{
    /// <summary>The kind and options for the layer table and comments, e.g. "Dense 128, Relu".</summary>
    string Describe(NodePlan node);

    /// <summary>Floating-point operations of one sample's forward pass (a multiply-add counts two).</summary>
    long Flops(NodePlan node);

    /// <summary>Trainable parameters of the node.</summary>
    int Parameters(NodePlan node);

    /// <summary>An expression for the floats of scratch the node's kernels need per call (e.g. im2col), or null for none.</summary>
    string? ScratchLength(NodePlan node);

    /// <summary>The struct of compile-time constants the node's kernels are specialized for; nothing when it needs none.</summary>
    void EmitShape(CodeWriter w, NodePlan node, string shapeName);

    /// <summary>Sets the node's tensors for a seed (inside <c>Initialize(ModelState s, int seed)</c>, with <c>random</c> in scope).</summary>
    void EmitInitialization(CodeWriter w, NodePlan node, PassContext pass);

    /// <summary>The node's forward call(s) for <see cref="PassContext.Kind"/>.</summary>
    void EmitForward(CodeWriter w, NodePlan node, PassContext pass);

    /// <summary>The node's backward call(s).</summary>
    void EmitBackward(CodeWriter w, NodePlan node, PassContext pass);
}
