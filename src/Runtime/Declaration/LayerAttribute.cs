namespace Specialized;

/// <summary>
/// The base of every layer attribute. The generator reads the layer attributes of a [Model] class
/// in source order; one it does not know (a user's own subclass) is a compile-time error, never
/// silently skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>
    /// Overrides the layer's tensor-name prefix in weight files (e.g. <c>"classifier.2"</c>), which is
    /// otherwise its position in the list of layers (<c>"3"</c>, or <c>"2.body.0"</c> inside a block).
    /// </summary>
    public string? Name { get; set; }
}
