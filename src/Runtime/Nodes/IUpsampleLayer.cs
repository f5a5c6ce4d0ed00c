namespace Specialized.Nodes;

/// <summary>The shape of a nearest-neighbour upsampling <c>[Channels, InHeight, InWidth] → [Channels, InHeight·Factor, InWidth·Factor]</c>.</summary>
public interface IUpsampleLayer
{
    /// <summary>Channels in and out.</summary>
    static abstract int Channels { get; }

    /// <summary>Rows of each input channel.</summary>
    static abstract int InHeight { get; }

    /// <summary>Columns of each input channel.</summary>
    static abstract int InWidth { get; }

    /// <summary>The scale of both sides (at least 1).</summary>
    static abstract int Factor { get; }
}
