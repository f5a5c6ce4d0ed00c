namespace Specialized.Nodes;

/// <summary>
/// The shape of a concatenation along channels as compile-time constants: the joined value has
/// <see cref="OutChannels"/> channels of <see cref="Spatial"/> floats each per sample (1 for vectors).
/// </summary>
public interface IConcatLayer
{
    /// <summary>Channels of the joined value (the sum over the parts).</summary>
    static abstract int OutChannels { get; }

    /// <summary>Floats per channel: height × width of an image, 1 for a vector.</summary>
    static abstract int Spatial { get; }
}
