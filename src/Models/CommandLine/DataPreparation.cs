namespace Specialized.Models.CommandLine;

/// <summary>What a catalogue model does to a data set's features before it sees them, part of its recipe.</summary>
internal enum DataPreparation
{
    /// <summary>The features as they are in the file (the SVMs take raw 0–16 pixels: their γ is tuned for that scale).</summary>
    None,

    /// <summary>Divided by 16, so the digits' 0–16 pixels become 0–1, as the networks were trained.</summary>
    PixelsOver16,

    /// <summary>z-scores with the mean and standard deviation of the training rows.</summary>
    Standardize,
}
