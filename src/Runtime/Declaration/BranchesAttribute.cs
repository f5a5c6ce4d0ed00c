namespace Specialized;

/// <summary>
/// An Inception-style block: several branches run side by side on the same input and their outputs are
/// concatenated along channels (along features for vectors), in branch order. The next
/// <c>layers[0] + layers[1] + …</c> layer attributes form the branches, in order: branch <c>b</c> takes
/// <c>layers[b]</c> of them; a branch of 0 layers passes the input through. The block takes one position
/// <c>i</c> in the list of layers; branch <c>b</c>'s layers are named <c>{i}.branches.{b}.{j}</c>. Every
/// branch must keep the same height and width.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BranchesAttribute : LayerAttribute
{
    /// <summary>Declares one branch per count: how many of the following layer attributes each branch takes (0 or more).</summary>
    public BranchesAttribute(params int[] layers) => Layers = layers ?? [];

    /// <summary>Layers per branch, in branch order.</summary>
    public IReadOnlyList<int> Layers { get; }
}
