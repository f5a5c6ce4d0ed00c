namespace Specialized.Nodes;

/// <summary>The shape of a global pool over <c>[Channels, Spatial]</c> per sample (Spatial = height·width), as compile-time constants.</summary>
public interface IGlobalPoolLayer
{
    /// <summary>Channels, in and out.</summary>
    static abstract int Channels { get; }

    /// <summary>Positions per channel that are pooled into one value.</summary>
    static abstract int Spatial { get; }
}
