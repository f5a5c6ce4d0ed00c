namespace Specialized.Nodes;

/// <summary>How a node's backward pass writes the gradient of one of its inputs.</summary>
public enum GradientMode
{
    /// <summary>Not needed (the model's input).</summary>
    None,
    /// <summary>Overwrite: this node is the first, in backward order, to reach that value.</summary>
    Store,
    /// <summary>Add: another consumer of the value (a residual shortcut, a branch) already wrote it.</summary>
    Add,
}
