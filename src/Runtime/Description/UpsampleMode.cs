namespace Specialized;

/// <summary>How an upsampling draws each output pixel.</summary>
public enum UpsampleMode
{
    /// <summary>The input pixel at floor(output position / factor): each input pixel repeated factor × factor times.</summary>
    Nearest,
}
