namespace Specialized;

/// <summary>How layer positions become tensor-name prefixes in weight files.</summary>
public enum TensorNaming
{
    /// <summary>One position per layer attribute; an activation fused into a layer takes none ("0", "1", "2").</summary>
    Layers = 0,
    /// <summary>
    /// As a PyTorch <c>nn.Sequential</c> numbers its modules: a fused activation counts as the module after
    /// its layer, so <c>Sequential(Linear, ReLU, Linear)</c>'s second layer is "2".
    /// </summary>
    Sequential,
}
