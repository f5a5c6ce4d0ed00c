namespace Specialized;

/// <summary>How <see cref="ReduceOnPlateauSchedule"/> decides that a loss improved on the best so far.</summary>
public enum PlateauThreshold
{
    /// <summary>Improved when <c>loss &lt; best · (1 − threshold)</c> (PyTorch's <c>'rel'</c>, the default).</summary>
    Relative = 0,

    /// <summary>Improved when <c>loss &lt; best − threshold</c> (PyTorch's <c>'abs'</c>).</summary>
    Absolute,
}
