namespace Specialized;

/// <summary>
/// Declares a model: the generator emits its forward and backward code for exactly the shapes given
/// by this attribute and the layer attributes that follow it in source order.
/// The class must be <c>partial</c>, top-level and non-generic.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Number of input features of one sample (a vector input); leave unset for images.</summary>
    public int Input { get; set; }

    /// <summary>Channels of one image sample <c>[C, H, W]</c> (row-major, channel first, as PyTorch's NCHW); set with <see cref="Height"/> and <see cref="Width"/> instead of <see cref="Input"/>.</summary>
    public int Channels { get; set; }

    /// <summary>Time steps of one sequence sample <c>[T, F]</c> (row-major, one row of <see cref="Features"/> per step); set with <see cref="Features"/> instead of <see cref="Input"/>.</summary>
    public int Sequence { get; set; }

    /// <summary>Values per time step of a sequence sample.</summary>
    public int Features { get; set; }

    /// <summary>Height of one image sample.</summary>
    public int Height { get; set; }

    /// <summary>Width of one image sample.</summary>
    public int Width { get; set; }

    /// <summary>The training loss; also fixes what the last layer may be.</summary>
    public Loss Loss { get; set; } = Loss.SoftmaxCrossEntropy;

    /// <summary>Seed of the deterministic weight initialization of a new instance.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// Requires the streaming step API (<c>ResetState</c>/<c>Step</c>, one time step at a time): a model that cannot
    /// stream is then a compile-time error (SPEC034) that says why. A model that can stream gets the API without it.
    /// </summary>
    public bool Streaming { get; set; }

    /// <summary>How layer positions become tensor names in weight files; <see cref="TensorNaming.Layers"/> unless set.</summary>
    public TensorNaming Naming { get; set; } = TensorNaming.Layers;
}
